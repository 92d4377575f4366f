package dev.promptledger.prompt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import dev.promptledger.version.Body;
import dev.promptledger.version.VersionResponse;
import dev.promptledger.version.PromptView;

/**
 * A prompt on the wire: its plain fields, the version shown ({@code version}, its body,
 * and {@code labels}: those pointing at it now) and the current version
 * ({@code latest_version}). The body ({@code content} or {@code messages}, and
 * {@code config}) is left out in lists; {@code changed} appears only in the answer to a
 * revert.
 */
public record PromptResponse(UUID id, String name, String type, String description,
		@JsonInclude(JsonInclude.Include.NON_NULL) String content,
		@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode messages,
		@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode config, List<String> tags, List<String> labels,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
		@JsonProperty("created_by") String createdBy, int version,
		@JsonProperty("latest_version") VersionResponse latestVersion,
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean changed) {

	public static PromptResponse of(PromptView view, boolean withBody) {
		return of(view, withBody, null);
	}

	static PromptResponse of(PromptView view, boolean withBody, Boolean changed) {
		var shown = view.shown();
		Body body = withBody ? shown.body() : null;
		return new PromptResponse(view.id(), shown.name(), shown.type().wireName(), shown.description(),
				body == null ? null : body.content(), body == null ? null : body.messagesJson(),
				body == null ? null : body.config(), view.tags(), view.labelsOf(shown), view.createdAt(),
				view.updatedAt(), view.createdBy(), shown.number(),
				VersionResponse.of(view.latest(), false, view.labelsOf(view.latest())), changed);
	}

}
