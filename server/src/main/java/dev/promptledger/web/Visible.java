package dev.promptledger.web;

import org.springframework.web.util.HtmlUtils;

/**
 * Text made safe to review: escaped for HTML, with every invisible formatting character
 * (bidirectional overrides and isolates, zero-width spaces and joiners, the byte order
 * mark, and the like) shown as a visible marker naming its code point, so that a change
 * cannot hide in them (as in "Trojan Source").
 */
public final class Visible {

	private Visible() {
	}

	/** The text as HTML, escaped, with invisible formatting characters marked. */
	public static String html(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (invisible(c)) {
				out.append(HtmlUtils.htmlEscape(text.substring(start, i)));
				String code = String.format("U+%04X", (int) c);
				out.append("<span class=\"invisible-char\" title=\"")
					.append(code)
					.append(" (invisible)\">")
					.append('[')
					.append(code)
					.append(']')
					.append("</span>");
				start = i + 1;
			}
		}
		return out.append(HtmlUtils.htmlEscape(text.substring(start))).toString();
	}

	/**
	 * Format characters (Unicode category Cf: bidi controls, zero-width characters, the
	 * BOM, ...).
	 */
	static boolean invisible(char c) {
		return Character.getType(c) == Character.FORMAT;
	}

}
