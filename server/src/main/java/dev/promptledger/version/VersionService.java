package dev.promptledger.version;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.Cursors;
import dev.promptledger.http.Keyset;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.Page;
import dev.promptledger.http.PageRequest;

/**
 * Reading what the {@link Ledger} wrote: prompts at their heads, pages of versions, one
 * version, and the diff of any two. Other features read the history only through here.
 */
@Service
public class VersionService {

	private final PromptStore prompts;

	private final VersionStore versions;

	private final Cursors cursors;

	VersionService(PromptStore prompts, VersionStore versions, Cursors cursors) {
		this.prompts = prompts;
		this.versions = versions;
		this.cursors = cursors;
	}

	/** A live prompt at its head, with content. */
	@Transactional(readOnly = true)
	public Optional<PromptView> prompt(UUID id) {
		return this.prompts.find(id);
	}

	/** The id of the live prompt with this name. */
	@Transactional(readOnly = true)
	public Optional<UUID> idByName(String name) {
		return this.prompts.idByName(name);
	}

	/**
	 * A page of the live prompts {@code query} selects, in its order, after
	 * {@code position} when given; without content.
	 */
	@Transactional(readOnly = true)
	public List<PromptView> prompts(PromptQuery query, String position, int limit) {
		return this.prompts.page(query, position, limit);
	}

	/** A version of a live prompt, with its content. */
	@Transactional(readOnly = true)
	public Optional<Version> find(UUID promptId, VersionRef ref) {
		return this.versions.find(promptId, ref);
	}

	/**
	 * 404 unless the prompt is live; for answering the checks in the contract's order.
	 */
	@Transactional(readOnly = true)
	public void requireLive(UUID promptId) {
		if (!this.prompts.isLive(promptId)) {
			throw new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt " + promptId + ".");
		}
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

	/**
	 * Up to {@code limit} versions numbered {@code upTo} and below, newest first: a page
	 * of the history that starts at any version (the web UI's pages, which go both ways).
	 */
	@Transactional(readOnly = true)
	public List<Version> historyUpTo(UUID promptId, int upTo, int limit) {
		List<Version> rows = this.versions.page(promptId, upTo + 1, limit);
		if (rows.isEmpty()) {
			requireLive(promptId);
		}
		return rows;
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

	/** The labels of a live prompt by the version they point at, each list sorted. */
	@Transactional(readOnly = true)
	public java.util.Map<UUID, List<String>> labels(UUID promptId) {
		return this.prompts.metadata(promptId).labels();
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

}
