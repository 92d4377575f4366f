package dev.promptledger.migration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * What the Java migrations compute, frozen as it was when they were written, so that
 * replaying them on an old database later gives what it gave then, whatever the live code
 * (templates, diffs, name rules, the blob codec) has become. Nothing here may change; a
 * migration that needs other rules gets its own copy.
 */
final class Frozen {

	/**
	 * The user that migrations name as the author of what they record (identity reserves
	 * the same name: {@code Users.MIGRATION}).
	 */
	static final String AUTHOR = "migration";

	/** The longest prompt name. */
	static final int MAX_NAME = 200;

	private static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

	private static final Pattern OTHER = Pattern.compile("[^A-Za-z0-9._]+");

	private Frozen() {
	}

	/**
	 * The variables of a content as {@code prompt_version.variables} holds them: the
	 * names of its unescaped {@code {{name}}} placeholders in order of first use,
	 * comma-separated.
	 */
	static String variables(String content) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(content);
		while (matcher.find()) {
			if (matcher.group(1).isEmpty()) {
				names.add(matcher.group(2));
			}
		}
		return String.join(",", names);
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A content as a stored snapshot: raw deflate at level 6, which the blob codec reads
	 * (docs/storage.md).
	 */
	static byte[] snapshot(byte[] bytes) {
		Deflater deflater = new Deflater(6, true);
		try {
			deflater.setInput(bytes);
			deflater.finish();
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, bytes.length / 2));
			byte[] buffer = new byte[8192];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	/** A stored snapshot's content: the raw deflate of {@link #snapshot}, inflated. */
	static byte[] inflate(byte[] data, int length) {
		java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
		try {
			inflater.setInput(data);
			byte[] out = new byte[length];
			int read = 0;
			while (read < length) {
				int n = inflater.inflate(out, read, length - read);
				if (n == 0) {
					break;
				}
				read += n;
			}
			return java.util.Arrays.copyOf(out, read);
		}
		catch (java.util.zip.DataFormatException ex) {
			throw new IllegalStateException("a stored content is not valid DEFLATE data", ex);
		}
		finally {
			inflater.end();
		}
	}

	/**
	 * What {@code prompt.search_text} holds for a text prompt: name, description and
	 * content, lower-cased, at most 65,536 characters.
	 */
	static String searchText(String name, String description, String content) {
		String text = (name + "\n" + (description == null ? "" : description) + "\n" + content)
			.toLowerCase(java.util.Locale.ROOT);
		return text.length() > 65_536 ? text.substring(0, 65_536) : text;
	}

	/**
	 * The change summary of a version 1: every line and character added, and the fields
	 * it sets.
	 */
	record Created(int linesAdded, int charsAdded, String fieldsChanged) {

		static Created of(String content, String description) {
			int lines = 0;
			for (int at = 0; at < content.length(); lines++) {
				int newline = content.indexOf('\n', at);
				at = newline < 0 ? content.length() : newline + 1;
			}
			List<String> fields = new ArrayList<>(List.of("name", "content"));
			if (description != null) {
				fields.add("description");
			}
			return new Created(lines, content.codePointCount(0, content.length()), String.join(",", fields));
		}

	}

	/** Whether {@code name} is a valid prompt name: '/'-separated valid segments. */
	static boolean validName(String name) {
		if (name.isEmpty() || name.length() > MAX_NAME) {
			return false;
		}
		for (String segment : name.split("/", -1)) {
			if (segment.isEmpty() || !SEGMENT.matcher(segment).matches() || segment.equals(".")
					|| segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A valid name segment made from any text, or null when nothing of it is usable:
	 * accents dropped, every run of other characters one '-', at most {@code max}
	 * characters.
	 */
	static String slug(String text, int max) {
		String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		String slug = OTHER.matcher(plain).replaceAll("-").replaceAll("^[-.]+|[-.]+$", "");
		if (slug.length() > max) {
			slug = slug.substring(0, max).replaceAll("[-.]+$", "");
		}
		return slug.isEmpty() ? null : slug;
	}

}
