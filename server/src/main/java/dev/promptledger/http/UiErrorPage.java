package dev.promptledger.http;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML error page for a web UI path that no UI controller answered (an unknown path,
 * a request the server refused before Spring, an error dispatch): browsers under
 * {@code /ui/} never see problem+json. The UI's own controllers answer their errors with
 * the full page of the UI.
 */
public final class UiErrorPage {

	private UiErrorPage() {
	}

	/** Whether a request URI (raw or decoded) is a web UI path. */
	public static boolean isUi(String uri) {
		return uri != null && (uri.equals("/ui") || uri.startsWith("/ui/"));
	}

	/** A small self-contained page with the UI's stylesheet. */
	public static String html(int status, String title, String detail) {
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%1$s · promptledger</title><link rel="stylesheet" href="/ui/app.css"></head>
				<body>
				<header class="topbar"><a class="brand" href="/ui/prompts">promptledger</a></header>
				<main id="main" class="page">
				<h1>%1$s</h1>
				<p class="error" role="alert">%2$s</p>
				<p class="muted">HTTP %3$d</p>
				<p><a href="/ui/prompts">Back to the prompts</a></p>
				</main>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(detail), status);
	}

}
