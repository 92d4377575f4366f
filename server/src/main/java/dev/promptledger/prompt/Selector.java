package dev.promptledger.prompt;

import dev.promptledger.http.ApiException;
import dev.promptledger.version.VersionRef;

/**
 * Which version of a prompt to show: the latest, the one a label points to, or one by
 * number or id. {@code rawVersion} keeps what was asked when it names no version, for the
 * 404.
 */
public record Selector(String label, VersionRef version, String rawVersion) {

	public static final Selector LATEST = new Selector(null, null, null);

	/**
	 * From the {@code label} and {@code version} query parameters; at most one of them.
	 */
	public static Selector of(String label, String version) {
		boolean hasLabel = label != null && !label.isEmpty();
		boolean hasVersion = version != null && !version.isEmpty();
		if (hasLabel && hasVersion) {
			throw ApiException.invalidParameter("label", "give either label or version, not both");
		}
		if (hasLabel) {
			return label.equals("latest") ? LATEST : new Selector(label, null, null);
		}
		if (hasVersion) {
			return new Selector(null, VersionRef.parse(version), version);
		}
		return LATEST;
	}

	public boolean isLatest() {
		return this.label == null && this.rawVersion == null;
	}

	/** The cache key of this selector within a prompt. */
	String key() {
		if (this.label != null) {
			return "l:" + this.label;
		}
		if (this.rawVersion != null) {
			return "v:" + this.rawVersion;
		}
		return "";
	}

}
