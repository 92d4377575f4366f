package dev.promptledger.http;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The character rules of names: a segment is ASCII letters, digits, '.', '_' and '-', and
 * neither '.' nor '..'; a path name is segments separated by '/'. Prompt names are paths;
 * usernames and labels are single segments.
 */
public final class NameRules {

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

	private static final Pattern OTHER = Pattern.compile("[^A-Za-z0-9._]+");

	private NameRules() {
	}

	/**
	 * Why {@code name} is not a valid segment of at most {@code max} characters, or null
	 * when it is.
	 */
	public static String segmentProblem(String name, int max) {
		if (name.isEmpty() || name.length() > max) {
			return "must be 1 to " + max + " characters long";
		}
		if (!SEGMENT.matcher(name).matches()) {
			return "must be letters, digits, '.', '_' or '-'";
		}
		if (name.equals(".") || name.equals("..")) {
			return "must not be '.' or '..'";
		}
		return null;
	}

	/**
	 * A valid segment made from any text, or null when nothing of it is usable: accents
	 * dropped, every run of other characters one '-', at most {@code max} characters
	 * ("Linux Terminal" becomes "Linux-Terminal", "UX/UI Developer" becomes
	 * "UX-UI-Developer"). Titles from elsewhere become names so.
	 */
	public static String slug(String text, int max) {
		String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		String slug = OTHER.matcher(plain).replaceAll("-").replaceAll("^[-.]+|[-.]+$", "");
		if (slug.length() > max) {
			slug = slug.substring(0, max).replaceAll("[-.]+$", "");
		}
		return slug.isEmpty() ? null : slug;
	}

	/**
	 * Why {@code name} is not a valid path name of at most {@code max} characters, or
	 * null when it is.
	 */
	public static String pathProblem(String name, int max) {
		if (name.isEmpty() || name.length() > max) {
			return "must be 1 to " + max + " characters long";
		}
		for (String segment : name.split("/", -1)) {
			String problem = segmentProblem(segment, max);
			if (problem != null) {
				return "must be segments of letters, digits, '.', '_' or '-' separated by '/', none '.' or '..'";
			}
		}
		return null;
	}

}
