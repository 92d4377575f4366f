package dev.promptledger.version;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;

/** Reading history: pages of versions, one version, and the diff of any two. */
@Service
public class VersionService {

	private final VersionStore versions;

	private final Cursors cursors;

	VersionService(VersionStore versions, Cursors cursors) {
		this.versions = versions;
		this.cursors = cursors;
	}

	@Transactional(readOnly = true)
	public Page<Version> history(UUID promptId, String limit, String cursor) {
		String scope = "versions\n" + promptId;
		PageRequest page = PageRequest.of(limit, cursor, this.cursors, scope);
		Integer before = page.position() == null ? null : Integer.valueOf(page.position());
		List<Version> rows = this.versions.page(promptId, before, page.limit() + 1);
		if (rows.isEmpty()) {
			requireLive(promptId);
		}
		return Keyset.page(rows, page.limit(), this.cursors, scope, Version::number);
	}

	@Transactional(readOnly = true)
	public Version get(UUID promptId, String ref) {
		VersionRef parsed = VersionRef.parse(ref);
		Version version = parsed == null ? null : this.versions.find(promptId, parsed).orElse(null);
		if (version == null) {
			requireLive(promptId);
			throw new ApiException(ErrorCode.VERSION_NOT_FOUND, "Prompt " + promptId + " has no version " + ref + ".");
		}
		return version;
	}

	/**
	 * The change from {@code against} (default: the version's parent) to the version
	 * {@code ref}. Not one transaction: versions never change, and the diff is computed
	 * with no connection held.
	 */
	public DiffResponse diff(UUID promptId, String ref, String against) {
		Version to = get(promptId, ref);
		Version from;
		if (against != null && !against.isEmpty()) {
			from = get(promptId, against);
		}
		else {
			from = to.parentVersionId() == null ? null : get(promptId, to.parentVersionId().toString());
		}
		return DiffResponse.of(from, to);
	}

	/**
	 * The numbers of the versions that the reverts among {@code versions} went back to,
	 * by version id.
	 */
	@Transactional(readOnly = true)
	public java.util.Map<UUID, Integer> revertTargets(UUID promptId, List<Version> versions) {
		return this.versions.numbers(promptId,
				versions.stream()
					.map(Version::revertedFromVersionId)
					.filter(java.util.Objects::nonNull)
					.collect(java.util.stream.Collectors.toSet()));
	}

	private void requireLive(UUID promptId) {
		if (!this.versions.promptIsLive(promptId)) {
			throw new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + promptId + ".");
		}
	}

}
