package dev.promptledger.http;

/**
 * What any text stored by promptledger must be: valid Unicode, without NUL characters.
 */
public final class TextRules {

	private TextRules() {
	}

	/** Why {@code text} cannot be stored, or null when it can. */
	public static String problem(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return "must not contain NUL characters";
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return "must be valid Unicode (unpaired surrogate)";
			}
			if (Character.isLowSurrogate(c)) {
				return "must be valid Unicode (unpaired surrogate)";
			}
		}
		return null;
	}

}
