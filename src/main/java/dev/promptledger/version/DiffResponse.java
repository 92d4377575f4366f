package dev.promptledger.version;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The change from one version ({@code from}, null for "nothing": the diff of a version 1)
 * to another, as the diff endpoint and revert previews return it.
 */
public record DiffResponse(Side from, Side to, String unified, List<ContentDiff.Hunk> hunks, ChangeSummary summary) {

	/** Which version a side of a diff is. */
	public record Side(@JsonProperty("version_id") UUID versionId, int number) {
	}

	/** Both versions need their content loaded. */
	public static DiffResponse of(Version from, Version to) {
		long chars = (from == null ? 0 : from.content().length()) + (long) to.content().length();
		try (DiffGate.Permit permit = DiffGate.enterForAnswer(chars)) {
			return compute(from, to);
		}
	}

	private static DiffResponse compute(Version from, Version to) {
		PromptState before = from == null ? null : from.state();
		ContentDiff diff = ContentDiff.of(from == null ? "/dev/null" : label(from), from == null ? "" : from.content(),
				label(to), to.content());
		return new DiffResponse(from == null ? null : new Side(from.id(), from.number()),
				new Side(to.id(), to.number()), diff.unified(), diff.hunks(), Diffs.summarizeHeld(before, to.state()));
	}

	private static String label(Version version) {
		return version.name() + "@v" + version.number();
	}

}
