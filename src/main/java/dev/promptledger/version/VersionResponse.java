package dev.promptledger.version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A version on the wire; {@code content} is left out in lists and in a prompt's
 * {@code latest_version}.
 */
public record VersionResponse(@JsonProperty("version_id") UUID versionId, @JsonProperty("prompt_id") UUID promptId,
		int number, String name, String description, @JsonInclude(JsonInclude.Include.NON_NULL) String content,
		@JsonProperty("created_at") Instant createdAt, String author, @JsonProperty("change_type") String changeType,
		String message, @JsonProperty("parent_version_id") UUID parentVersionId,
		@JsonProperty("reverted_from_version_id") UUID revertedFromVersionId,
		@JsonProperty("content_sha256") String contentSha256, ChangeSummary summary, List<String> variables) {

	public static VersionResponse of(Version v, boolean withContent) {
		return new VersionResponse(v.id(), v.promptId(), v.number(), v.name(), v.description(),
				withContent ? v.content() : null, v.createdAt(), v.author(), v.changeType().wireName(), v.message(),
				v.parentVersionId(), v.revertedFromVersionId(), v.contentSha256(), v.summary(), v.variables());
	}

}
