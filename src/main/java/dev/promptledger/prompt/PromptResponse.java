package dev.promptledger.prompt;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.promptledger.version.VersionResponse;
import dev.promptledger.version.PromptView;

/**
 * A prompt on the wire: its plain fields, the version shown and the current version.
 * {@code content} is left out in lists; {@code changed} appears only in the answer to a
 * revert.
 */
public record PromptResponse(UUID id, String name, String description,
		@JsonInclude(JsonInclude.Include.NON_NULL) String content, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("updated_at") Instant updatedAt, @JsonProperty("created_by") String createdBy, int version,
		@JsonProperty("latest_version") VersionResponse latestVersion,
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean changed) {

	public static PromptResponse of(PromptView view, boolean withContent) {
		return of(view, withContent, null);
	}

	static PromptResponse of(PromptView view, boolean withContent, Boolean changed) {
		var shown = view.shown();
		return new PromptResponse(view.id(), shown.name(), shown.description(), withContent ? shown.content() : null,
				view.createdAt(), view.updatedAt(), view.createdBy(), shown.number(),
				VersionResponse.of(view.latest(), false), changed);
	}

}
