package dev.promptledger.version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A version on the wire; its body ({@code content} or {@code messages}, and
 * {@code config}) is left out in lists and in a prompt's {@code latest_version}.
 */
public record VersionResponse(@JsonProperty("version_id") UUID versionId, @JsonProperty("prompt_id") UUID promptId,
		int number, String type, String name, String description,
		@JsonInclude(JsonInclude.Include.NON_NULL) String content,
		@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode messages,
		@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode config, @JsonProperty("created_at") Instant createdAt,
		String author, @JsonProperty("change_type") String changeType, String message,
		@JsonProperty("parent_version_id") UUID parentVersionId,
		@JsonProperty("reverted_from_version_id") UUID revertedFromVersionId,
		@JsonProperty("content_sha256") String contentSha256, ChangeSummary summary, List<String> variables,
		List<String> labels) {

	/** The version, with the labels that point at it now. */
	public static VersionResponse of(Version v, boolean withBody, List<String> labels) {
		Body body = withBody ? v.body() : null;
		return new VersionResponse(v.id(), v.promptId(), v.number(), v.type().wireName(), v.name(), v.description(),
				body == null ? null : body.content(), body == null ? null : body.messagesJson(),
				body == null ? null : body.config(), v.createdAt(), v.author(), v.changeType().wireName(), v.message(),
				v.parentVersionId(), v.revertedFromVersionId(), v.contentSha256(), v.summary(), v.variables(), labels);
	}

}
