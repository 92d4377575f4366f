package dev.promptledger.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Strong entity tags of versions ({@code "<version_id>"}) and the conditional headers
 * that compare them.
 */
public final class EntityTags {

	private EntityTags() {
	}

	public static String of(Object versionId) {
		return "\"" + versionId + "\"";
	}

	/**
	 * If-Match (strong comparison): true when absent, {@code *}, or one of its strong
	 * tags names the current version.
	 */
	public static boolean ifMatchAllows(String header, Object currentVersionId) {
		if (header == null) {
			return true;
		}
		if (header.trim().equals("*")) {
			return true;
		}
		String current = of(currentVersionId);
		for (String tag : split(header)) {
			if (tag.equals(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * If-None-Match (weak comparison): true when it names the version shown, so the
	 * answer is 304.
	 */
	public static boolean ifNoneMatchHits(String header, Object versionId) {
		if (header == null) {
			return false;
		}
		if (header.trim().equals("*")) {
			return true;
		}
		String current = of(versionId);
		for (String tag : split(header)) {
			String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
			if (strong.equals(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code Cache-Control: no-cache} (or {@code no-store}) from a client: answer from
	 * the database.
	 */
	public static boolean freshRequested(String cacheControl) {
		if (cacheControl == null) {
			return false;
		}
		String lower = cacheControl.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("no-cache") || lower.contains("no-store");
	}

	private static List<String> split(String header) {
		List<String> tags = new ArrayList<>();
		for (String part : header.split(",")) {
			String tag = part.trim();
			if (!tag.isEmpty()) {
				tags.add(tag);
			}
		}
		return tags;
	}

}
