package dev.promptledger.contract;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.Browser;
import dev.promptledger.support.BrowserAvailable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI, used as a person would, in headless Chromium. Every test leaves a
 * screenshot.
 */
@ExtendWith(BrowserAvailable.class)
abstract class WebUiContract extends ApiTestBase {

	private static Browser browser;

	private static int browserPort;

	@BeforeEach
	void startBrowser() throws IOException {
		if (browser == null || browserPort != this.port) {
			closeBrowser();
			browser = new Browser("http://127.0.0.1:" + this.port, 1280, 900);
			browserPort = this.port;
		}
	}

	@AfterAll
	static void closeBrowser() throws IOException {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	private String db() {
		return getClass().getName().contains("Postgres") ? "pg" : "h2";
	}

	@Test
	void createEditTwiceDiffAndRevertThroughTheDialog() throws IOException {
		TestUser maintainer = createUser("maintainer");
		browser.logIn(maintainer.username(), maintainer.password());
		browser.screenshot(db() + "-01-prompt-list");

		browser.open("/ui/prompts/new");
		String name = uniqueName("ui/welcome");
		browser.find("#name").sendKeys(name);
		browser.find("#description").sendKeys("Greets new customers");
		browser.find("#content").sendKeys("Hello {{name}}!\nWelcome to the shop.\n");
		browser.find("#message").sendKeys("first draft");
		browser.screenshot(db() + "-02-new-prompt");
		browser.find("form.card button[type=submit]").click();
		browser.waitForText("Created " + name + " as version 1.");
		String promptUrl = browser.driver().getCurrentUrl();

		edit("Hello {{name}}!\nWelcome to our shop.\n", "say our");
		browser.waitForText("Saved as version 2.");
		edit("Hello {{name}}!\nWelcome to our shop.\nAsk me anything.\n", "invite questions");
		browser.waitForText("Saved as version 3.");
		assertThat(browser.find("pre.content").getText()).contains("Ask me anything.");
		browser.screenshot(db() + "-03-prompt-page");

		browser.find("a[href$='/history']").click();
		browser.waitForText("History of " + name);
		List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.history tbody tr"));
		assertThat(rows).hasSize(3);
		for (WebElement row : rows) {
			assertThat(row.getText()).contains(maintainer.username());
		}
		assertThat(rows.get(0).getText()).contains("v3", "invite questions", "+1");
		browser.screenshot(db() + "-04-history");

		browser.find("#from-1").click();
		browser.find("#to-3").click();
		browser.find("#compare").click();
		browser.waitForText("Changes from v1 to v3");
		assertThat(browser.find("tr.remove .code").getText()).isEqualTo("Welcome to the shop.");
		assertThat(browser.find("tr.remove .code mark.w").getText()).as("the word that changed").isEqualTo("the");
		assertThat(browser.find("tr.add .code mark.w").getText()).isEqualTo("our");
		assertThat(browser.text()).contains("Ask me anything.");
		assertThat(browser.find("tr.add .sym").getText()).isEqualTo("+");
		browser.screenshot(db() + "-05-diff-inline");
		browser.find("nav.tabs a:nth-child(2)").click();
		browser.waitForText("Side by side");
		assertThat(browser.exists("table.split")).isTrue();
		assertThat(browser.exists("table.inline")).isFalse();
		browser.screenshot(db() + "-06-diff-side-by-side");

		browser.driver().get(promptUrl + "/history");
		browser.find("tr[data-number='1'] a.button").click();
		WebElement dialog = browser.find("dialog#revert-dialog[open]");
		assertThat(dialog.getText()).contains("Revert " + name + " to version 1?", "Welcome to the shop.");
		dialog.findElement(By.id("reason")).sendKeys("the old greeting tested better");
		browser.screenshot(db() + "-07-revert-dialog");
		dialog.findElement(By.cssSelector("button[type=submit]")).click();
		browser.waitForText("Reverted to version 1 as version 4.");
		WebElement newest = browser.driver().findElements(By.cssSelector("table.history tbody tr")).get(0);
		assertThat(newest.getText()).contains("v4", "reverted to v1", "the old greeting tested better",
				maintainer.username());
		browser.screenshot(db() + "-08-history-after-revert");

		String id = promptUrl.substring(promptUrl.lastIndexOf('/') + 1);
		Api.Response api = this.api.get("/prompts/" + id).send();
		assertThat(api.json().get("version").asInt()).isEqualTo(4);
		assertThat(api.text("content")).isEqualTo("Hello {{name}}!\nWelcome to the shop.\n");
		assertThat(api.json().get("latest_version").get("author").asString()).isEqualTo(maintainer.username());
	}

	private void edit(String content, String message) {
		browser.find("a.button.primary[href$='/edit']").click();
		WebElement area = browser.find("#content");
		area.clear();
		area.sendKeys(content);
		browser.find("#message").sendKeys(message);
		browser.find("form.card button[type=submit]").click();
	}

	@Test
	void aViewerSeesNoRevertButtonAndAForgedRevertIsRefused() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/guarded"), "v1\n");
		String id = created.text("id");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "v2\n")).send();
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts/" + id + "/history");
		browser.waitForText("History of");
		assertThat(browser.exists("tr[data-number='1'] a.button")).as("no revert button for a viewer").isFalse();
		assertThat(browser.exists("a[href$='/edit']")).isFalse();
		browser.open("/ui/prompts/" + id + "/versions/1");
		browser.waitForText("v1");
		assertThat(browser.text()).doesNotContain("Revert to this version");
		browser.screenshot(db() + "-09-viewer-version");
		browser.open("/ui/prompts/" + id + "/versions/1/revert");
		browser.waitForText("Not allowed");
		assertThat(browser.exists("form[action$='/revert'] button")).as("the revert page refuses a viewer up front")
			.isFalse();

		String csrf = browser.find("input[name=_csrf]").getAttribute("value");
		((JavascriptExecutor) browser.driver()).executeScript("""
				const form = document.createElement('form');
				form.method = 'post';
				form.action = arguments[0];
				for (const [name, value] of [['_csrf', arguments[1]], ['reason', 'forged']]) {
				  const input = document.createElement('input');
				  input.type = 'hidden'; input.name = name; input.value = value;
				  form.appendChild(input);
				}
				document.body.appendChild(form);
				form.submit();""", "/ui/prompts/" + id + "/versions/1/revert", csrf);
		browser.waitForText("Not allowed");
		browser.screenshot(db() + "-10-forged-revert-refused");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt()).isEqualTo(2);

		TestUser maintainer = createUser("maintainer");
		browser.logIn(maintainer.username(), maintainer.password());
		((JavascriptExecutor) browser.driver()).executeScript("""
				const form = document.createElement('form');
				form.method = 'post';
				form.action = arguments[0];
				document.body.appendChild(form);
				form.submit();""", "/ui/prompts/" + id + "/versions/1/revert");
		browser.waitForText("Not allowed");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt())
			.as("a post without the CSRF token changes nothing")
			.isEqualTo(2);
	}

	@Test
	void aDisabledUsersSessionEndsAtOnceAndAMaintainerDeletesWithConfirmation() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/doomed"), "bye\n");
		TestUser maintainer = createUser("maintainer");
		browser.logIn(maintainer.username(), maintainer.password());
		browser.open("/ui/prompts/" + created.text("id"));
		browser.find("a.button.danger").click();
		browser.waitForText("Delete " + created.text("name") + "?");
		browser.screenshot(db() + "-14-delete-confirmation");
		assertThat(this.api.get("/prompts/" + created.text("id")).send().status()).as("not yet").isEqualTo(200);
		browser.find("form.actions button.danger").click();
		browser.waitForText("Deleted " + created.text("name"));
		assertThat(this.api.get("/prompts/" + created.text("id")).send().status()).isEqualTo(404);

		this.api.patch("/users/" + maintainer.username()).raw("application/json", "{\"disabled\": true}").send();
		browser.open("/ui/prompts");
		browser.find("#password");
		assertThat(browser.driver().getCurrentUrl()).endsWith("/ui/login");
	}

	@Test
	void aMaintainerMovesALabelAfterAConfirmationAndSeesWhoMovedIt() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/labelled"), "first\n");
		String id = created.text("id");
		this.api.put("/prompts/" + id).json(body("name", created.text("name"), "content", "second\n")).send();
		TestUser maintainer = createUser("maintainer");
		browser.logIn(maintainer.username(), maintainer.password());
		setLabel(id, "production", "1");
		browser.waitForText("Create production at v1?");
		browser.find("form.actions button.primary").click();
		browser.waitForText("Label production now points to version 1.");
		setLabel(id, "production", "2");
		browser.waitForText("Move production from v1 to v2?");
		assertThat(browser.find("tr.add .code").getText()).isEqualTo("second");
		browser.screenshot(db() + "-15-label-move-confirmation");
		browser.find("form.actions button.primary").click();
		browser.waitForText("Label production now points to version 2.");
		assertThat(browser.find("tr[data-label='production']").getText()).contains("v2", maintainer.username());
		browser.screenshot(db() + "-16-prompt-with-labels");
		browser.find("tr[data-label='production'] a.button").click();
		browser.waitForText("Who moved production");
		List<WebElement> moves = browser.driver().findElements(By.cssSelector("table.label-history tbody tr"));
		assertThat(moves).hasSize(2);
		assertThat(moves.get(0).getText()).contains(maintainer.username(), "v1", "v2");
		assertThat(moves.get(1).getText()).contains("(created)");
		assertThat(this.api.get("/prompts/" + id + "?label=production").send().json().get("version").asInt())
			.isEqualTo(2);

		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts/" + id);
		browser.waitForText("production");
		assertThat(browser.exists("form.label-form")).as("no label form for a viewer").isFalse();
	}

	@Test
	void aGuardedLabelMovesThroughAChangeRequestReviewedInTheBrowser() throws IOException {
		String label = uniqueName("live");
		this.api.put("/label-policies/" + label).json(body("approvals", 1)).send();
		try {
			Api.Response created = createPrompt(uniqueName("ui/guarded"), "Answer politely.\n");
			String id = created.text("id");
			this.api.put("/prompts/" + id)
				.json(body("name", created.text("name"), "content", "Answer politely and briefly.\n"))
				.send();
			TestUser author = createUser("editor");
			browser.logIn(author.username(), author.password());
			setLabel(id, label, "2");
			browser.waitForText("is guarded: 1 approval by maintainer or above");
			assertThat(browser.text()).doesNotContain("Create label");
			browser.find("#cr-message").sendKeys("brief answers tested");
			browser.find("form.actions button.primary").click();
			browser.waitForText("Change request opened: it needs 1 approval.");
			assertThat(browser.exists("form.approve-form")).as("an editor cannot approve").isFalse();
			assertThat(browser.exists("form.cancel-form")).as("the author may cancel").isTrue();
			String review = browser.driver().getCurrentUrl();

			TestUser approver = createUser("maintainer");
			browser.logIn(approver.username(), approver.password());
			browser.open("/ui/change-requests");
			browser.waitForText(created.text("name"));
			browser.screenshot(db() + "-20-change-request-inbox");
			browser.find("table.change-requests a").click();
			browser.waitForText("brief answers tested");
			assertThat(browser.find("tr.add .code").getText()).contains("briefly");
			assertThat(browser.text()).contains("The proposed version, v2");
			browser.screenshot(db() + "-21-change-request-review");
			browser.find("#approve-comment").sendKeys("fine");
			browser.find("form.approve-form button").click();
			browser.waitForText("Approved and applied: the label moved.");
			assertThat(this.api.get("/prompts/" + id + "?label=" + label).send().json().get("version").asInt())
				.isEqualTo(2);
			browser.open("/ui/prompts/" + id);
			assertThat(browser.find("tr[data-label='" + label + "']").getText())
				.contains("guarded: 1 approval by maintainer or above");
			assertThat(browser.exists("tr[data-label='" + label + "'] .danger")).as("no direct delete").isFalse();
			browser.screenshot(db() + "-22-guarded-label");
			browser.open(review.substring(review.indexOf("/ui/")));
			assertThat(browser.exists("form.approve-form")).as("closed").isFalse();
		}
		finally {
			this.api.delete("/label-policies/" + label).send();
		}
	}

	private void setLabel(String id, String label, String version) {
		browser.open("/ui/prompts/" + id);
		WebElement name = browser.find("#label");
		name.clear();
		name.sendKeys(label);
		WebElement number = browser.find("#version");
		number.clear();
		number.sendKeys(version);
		browser.find("form.label-form button").click();
	}

	@Test
	void promptContentIsAlwaysText() throws IOException {
		String hostile = "<script>document.title='owned'</script><b>bold?</b> <img src=x onerror=alert(1)>";
		Api.Response created = createPrompt(uniqueName("ui/hostile"), hostile);
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts/" + created.text("id"));
		assertThat(browser.find("pre.content").getText()).isEqualTo(hostile);
		assertThat(browser.driver().getTitle()).doesNotContain("owned");
		assertThat(browser.driver().findElements(By.cssSelector("pre.content b, pre.content img, pre.content script")))
			.isEmpty();
		browser.screenshot(db() + "-11-script-as-text");
	}

	/**
	 * A chat prompt shows its messages with their roles, its placeholders and its config,
	 * on the prompt page and a version's page; its edit page says where it is edited.
	 */
	@Test
	void aChatPromptShowsItsMessagesAndConfig() throws IOException {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("ui/chat"), "type", "chat", "messages",
					java.util.List.of(body("role", "system", "content", "You are <b>terse</b>."),
							body("type", "placeholder", "name", "history"),
							body("role", "user", "content", "{{question}}")),
					"config", body("model", "gpt-4o", "temperature", 0.2), "tags", java.util.List.of("ui")))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.text("id");
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());
		browser.open("/ui/prompts/" + id);
		java.util.List<WebElement> roles = browser.driver().findElements(By.cssSelector("ol.messages .msg-role"));
		assertThat(roles).extracting(role -> role.getText().replace("Copy", "").trim())
			.containsExactly("system", "placeholder history", "user");
		assertThat(browser.driver().findElements(By.cssSelector("ol.messages pre.content")))
			.extracting(WebElement::getText)
			.containsExactly("You are <b>terse</b>.", "{{question}}");
		assertThat(browser.find("section.config dl.settings").getText()).contains("model", "gpt-4o", "temperature",
				"0.2");
		browser.find("section.config summary").click();
		assertThat(browser.find("section.config pre").getText()).contains("\"model\" : \"gpt-4o\"",
				"\"temperature\" : 0.2");
		assertThat(browser.find("p.tags").getText()).contains("ui");
		browser.screenshot(db() + "-13-chat-prompt");
		browser.open("/ui/prompts/" + id + "/versions/1");
		assertThat(browser.driver().findElements(By.cssSelector("ol.messages li"))).hasSize(3);
		this.api.patch("/prompts/" + id)
			.json(body("messages", java.util.List.of(body("role", "developer", "content", "You are terse."),
					body("type", "placeholder", "name", "history"), body("role", "user", "content", "{{question}}")),
					"config", body("temperature", 0.7)))
			.send();
		browser.open("/ui/prompts/" + id + "/diff?from=1&to=2");
		String diff = browser.find("main").getText();
		assertThat(diff).contains("### system", "### developer", "\"temperature\" : 0.7");
		browser.screenshot(db() + "-13-chat-diff");
	}

	@Test
	void aChatPromptIsWrittenAndEditedInTheMessageEditor() throws IOException {
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());
		browser.open("/ui/prompts/new");
		browser.clickAndWait("nav.tabs a[href$='type=chat']");
		browser.waitForText("New chat prompt");
		String name = uniqueName("ui/support-chat");
		browser.find("#name").sendKeys(name);
		browser.find("#text-0").sendKeys("You answer, briefly.\nNever, ever guess.");
		browser.find("#text-1").sendKeys("{{question}}");
		// steps are round trips that keep what was typed
		browser.clickAndWait("button[value=add-placeholder]");
		browser.find("#text-2").sendKeys("history");
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo(name);
		browser.clickAndWait("button[value=up-2]");
		assertThat(browser.find("#text-1").getAttribute("value")).isEqualTo("history");
		assertThat(browser.find("#text-2").getAttribute("value")).isEqualTo("{{question}}");
		assertThat(browser.find("#text-0").getAttribute("value"))
			.as("a message with commas and a line break stays one message")
			.isEqualTo("You answer, briefly.\nNever, ever guess.");
		WebElement config = browser.find("#config");
		config.sendKeys("{\"model\": \"gpt-4o\", \"temperature\": ");
		assertThat(browser.find("#config-status").getText()).startsWith("Not valid JSON yet");
		config.sendKeys("0.2}");
		assertThat(browser.find("#config-status").getText()).isEmpty();
		browser.screenshot(db() + "-32-chat-editor");
		browser.find("button[value=save]").click();
		browser.waitForText("Created " + name + " as version 1.");
		String url = browser.driver().getCurrentUrl();
		String id = url.substring(url.lastIndexOf('/') + 1);
		Api.Response created = this.api.get("/prompts/" + id).send();
		assertThat(created.json().get("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":"
				+ "\"You answer, briefly.\\nNever, ever guess.\"},{\"type\":\"placeholder\",\"name\":\"history\"},"
				+ "{\"role\":\"user\",\"content\":\"{{question}}\"}]");
		assertThat(created.json().get("config").toString()).isEqualTo("{\"model\":\"gpt-4o\",\"temperature\":0.2}");

		browser.find("a[data-key=e]").click();
		WebElement role = browser.find("#role-0");
		role.clear();
		role.sendKeys("developer");
		browser.clickAndWait("button[value=remove-1]");
		browser.clickAndWait("button[value=add-message]");
		browser.find("#role-2").clear();
		browser.find("#role-2").sendKeys("assistant");
		browser.find("#text-2").sendKeys("Happy to help.");
		WebElement settings = browser.find("#config");
		settings.clear();
		settings.sendKeys("{\"model\": \"gpt-4o-mini\"}");
		browser.find("#message").sendKeys("smaller model, no history");
		browser.screenshot(db() + "-33-chat-edit");
		browser.find("button[value=save]").click();
		browser.waitForText("Saved as version 2.");
		Api.Response edited = this.api.get("/prompts/" + id).send();
		assertThat(edited.json().get("messages").toString()).isEqualTo("[{\"role\":\"developer\",\"content\":"
				+ "\"You answer, briefly.\\nNever, ever guess.\"},{\"role\":\"user\",\"content\":\"{{question}}\"},"
				+ "{\"role\":\"assistant\",\"content\":\"Happy to help.\"}]");
		assertThat(edited.json().get("config").toString()).isEqualTo("{\"model\":\"gpt-4o-mini\"}");
		assertThat(edited.json().get("latest_version").get("message").asString())
			.isEqualTo("smaller model, no history");
		browser.open("/ui/prompts/" + id + "/diff?from=1&to=2");
		assertThat(browser.find("main").getText()).contains("### developer", "[placeholder history]", "gpt-4o-mini");
		browser.screenshot(db() + "-34-chat-diff");

		// the server's own check, as a browser without JavaScript would meet it
		browser.open("/ui/prompts/" + id + "/edit");
		((JavascriptExecutor) browser.driver()).executeScript(
				"document.getElementById('config').value = '[1, 2'; document.getElementById('role-1').value = 'User!';"
						+ "document.querySelector('form.card').noValidate = true;");
		browser.find("button[value=save]").click();
		browser.waitForText("is not valid JSON");
		assertThat(browser.find("#role-1[aria-invalid=true] ~ p.field-error").getText()).contains("lowercase");
		assertThat(browser.find("#role-1").getAttribute("value")).isEqualTo("User!");
		assertThat(this.api.get("/prompts/" + id).send().json().get("version").asInt()).isEqualTo(2);
	}

	@Test
	void aStaleEditLandsOnTheConflictPageWithTheUsersTextKept() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/contended"), "line one\nline two\n");
		String id = created.text("id");
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());
		browser.open("/ui/prompts/" + id + "/edit");
		WebElement area = browser.find("#content");
		area.clear();
		area.sendKeys("line one\nmy line two\n");
		this.api.put("/prompts/" + id)
			.json(body("name", created.text("name"), "content", "line one\ntheir line two\n"))
			.send();
		browser.find("form.card button[type=submit]").click();
		browser.waitForText("Someone saved this prompt while you were editing");
		assertThat(browser.find("tr.add .code").getText()).isEqualTo("their line two");
		assertThat(browser.find("#content").getAttribute("value")).isEqualTo("line one\nmy line two\n");
		browser.screenshot(db() + "-12-edit-conflict");
		assertThat(this.api.get("/prompts/" + id).send().text("content")).isEqualTo("line one\ntheir line two\n");
		browser.find("form.card button[type=submit]").click();
		browser.waitForText("Saved as version 3.");
		assertThat(this.api.get("/prompts/" + id).send().text("content")).isEqualTo("line one\nmy line two\n");
	}

	@Test
	void theListSearchesAndWorksOnAPhoneWidthScreen() throws IOException {
		String stem = uniqueName("ui-list");
		createPrompt(stem + "/alpha", "a");
		createPrompt(stem + "/beta", "b");
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts");
		browser.find("#q").sendKeys(stem + "/al");
		browser.find("form.search button").click();
		browser.waitForText(stem + "/alpha");
		assertThat(browser.text()).doesNotContain(stem + "/beta");
		assertThat(browser.exists("a.button.primary[href$='/new']")).as("no New button for a viewer").isFalse();
		assertThat(browser.driver().getTitle()).isEqualTo("Prompts · promptledger");
		browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		browser.open("/ui/prompts");
		browser.screenshot(db() + "-13-phone-list");
		browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
	}

	@Test
	void aBrowserAtTheRootIsLedToTheUiAndABadAddressGetsAPage() throws IOException {
		browser.driver().manage().deleteAllCookies();
		browser.open("/");
		browser.waitForText("Log in");
		assertThat(browser.driver().getCurrentUrl()).contains("/ui/login");
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/");
		browser.waitForText("Prompts");
		browser.open("/ui/prompts/a%2Fb");
		browser.waitForText("Bad request");
		assertThat(browser.text()).doesNotContain("urn:promptledger", "\"code\"");
		assertThat(browser.exists("a[href='/ui/prompts']")).as("a way back").isTrue();
		browser.screenshot(db() + "-23-bad-address");
		// API clients keep their answers
		assertProblem(this.api.get("/").anonymous().header("Accept", "application/json").send(), 401, "unauthorized");
		Api.Response browserLike = this.api.get("/").anonymous().header("Accept", "text/html").send();
		assertThat(browserLike.status()).isEqualTo(302);
		assertThat(browserLike.header("Location")).isEqualTo("/ui/");
		assertProblem(this.api.get("/prompts/a%2Fb").send(), 400, "bad_request");
	}

	@Test
	void lineNumbersStayOnOneLineAndAPhoneNeverScrollsSideways() throws IOException {
		StringBuilder content = new StringBuilder();
		for (int line = 1; line <= 1200; line++) {
			content.append("line ").append(line).append('\n');
		}
		Api.Response created = createPrompt(uniqueName("ui/long"), content.toString());
		String id = created.text("id");
		this.api.put("/prompts/" + id)
			.json(body("name", created.text("name"), "content",
					content.toString().replace("line 1100\n", "line one thousand one hundred\n")))
			.send();
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		for (String view : List.of("inline", "split")) {
			browser.open("/ui/prompts/" + id + "/diff?from=1&to=2&view=" + view);
			browser.waitForText("one thousand one hundred");
			Object wrapped = ((JavascriptExecutor) browser.driver()).executeScript("""
					const cells = [...document.querySelectorAll('td.num')].filter(td => td.textContent.trim());
					const height = Math.min(...cells.map(td => td.getBoundingClientRect().height));
					return cells.filter(td => td.scrollWidth > td.clientWidth
					    || td.getBoundingClientRect().height > 1.5 * height).map(td => td.textContent);""");
			assertThat((List<?>) wrapped).as("line numbers that break or are cut, " + view).isEmpty();
		}
		browser.screenshot(db() + "-24-four-digit-line-numbers");
		browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		try {
			for (String page : List.of("/ui/prompts/" + id, "/ui/prompts/" + id + "/diff?from=1&to=2",
					"/ui/prompts/" + id + "/history")) {
				browser.open(page);
				Object sideways = ((JavascriptExecutor) browser.driver())
					.executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
				assertThat(sideways).as(page + " scrolls sideways at 390 px").isEqualTo(Boolean.FALSE);
			}
			browser.open("/ui/prompts/" + id);
			browser.screenshot(db() + "-25-phone-prompt");
		}
		finally {
			browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		}
	}

	@Test
	void savingFromTheEditorChangesOnlyWhatWasTouched() throws IOException {
		String crlf = "\r\nFirst line\r\nSecond line\r\n";
		Api.Response created = createPrompt(uniqueName("ui/crlf"), crlf);
		String id = created.text("id");
		String mixed = "\n\nunix\nwindows\r\nend";
		Api.Response other = createPrompt(uniqueName("ui/mixed"), mixed);
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());

		browser.open("/ui/prompts/" + id + "/edit");
		browser.find("#description").sendKeys("only the description");
		browser.find("form.card button[type=submit]").click();
		browser.waitForText("Saved as version 2");
		assertThat(this.api.get("/prompts/" + id).send().text("content")).as("untouched content, byte for byte")
			.isEqualTo(crlf);

		browser.open("/ui/prompts/" + id + "/edit");
		browser.find("#content").sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "Third line\n");
		browser.find("form.card button[type=submit]").click();
		browser.waitForText("Saved as version 3");
		assertThat(this.api.get("/prompts/" + id).send().text("content")).as("an edit keeps the CRLF style")
			.isEqualTo(crlf + "Third line\r\n");
		browser.screenshot(db() + "-26-crlf-kept");

		browser.open("/ui/prompts/" + other.text("id") + "/edit");
		browser.find("form.card button[type=submit]").click();
		browser.waitForText("Nothing changed");
		assertThat(this.api.get("/prompts/" + other.text("id")).send().text("content")).isEqualTo(mixed);
	}

	@Test
	void deletingALabelAsksFirstAndSaysWhatDependsOnIt() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/labelled"), "one");
		String id = created.text("id");
		this.api.put("/prompts/" + id + "/labels/staging").json(body("version", 1)).send();
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());
		browser.open("/ui/prompts/" + id);
		browser.find("tr[data-label='staging'] .danger").click();
		browser.waitForText("Delete the label staging?");
		assertThat(browser.text()).contains("gets a 404", "version 1", "watch streams on this server follow it");
		assertThat(this.api.get("/prompts/" + id + "?label=staging").send().status())
			.as("nothing is deleted before the confirmation")
			.isEqualTo(200);
		browser.screenshot(db() + "-27-label-delete-confirmation");
		browser.find("form.actions button.danger").click();
		browser.waitForText("Label staging was deleted.");
		assertThat(this.api.get("/prompts/" + id + "?label=staging").send().status()).isEqualTo(404);
		TestUser viewer = createUser("viewer");
		this.api.put("/prompts/" + id + "/labels/qa").json(body("version", 1)).send();
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts/" + id + "/labels/qa/delete");
		browser.waitForText("Not allowed");
	}

	@Test
	void historyGoesBothWaysJumpsAndComparesAcrossPages() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/history"), "v1");
		String id = created.text("id");
		for (int v = 2; v <= 30; v++) {
			assertThat(this.api.patch("/prompts/" + id)
				.raw("application/merge-patch+json", "{\"content\":\"v" + v + "\"}")
				.send()
				.status()).isEqualTo(200);
		}
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts/" + id + "/history");
		browser.waitForText("Versions 6–30 of 30");
		assertThat(browser.exists("tr[data-number='30']")).isTrue();
		assertThat(browser.text()).doesNotContain("← Newer");
		browser.driver().findElement(org.openqa.selenium.By.linkText("Older →")).click();
		browser.waitForText("Versions 1–5 of 30");
		assertThat(browser.exists("tr[data-number='1']")).isTrue();
		browser.driver().findElement(org.openqa.selenium.By.linkText("← Newer")).click();
		browser.waitForText("Versions 6–30 of 30");
		browser.find("#upto").sendKeys("12");
		browser.find("form.jump button").click();
		browser.waitForText("Versions 1–12 of 30");
		assertThat(browser.find("tbody tr").getAttribute("data-number")).isEqualTo("12");
		browser.driver().findElement(org.openqa.selenium.By.linkText("« Newest")).click();
		browser.waitForText("Versions 6–30 of 30");
		browser.screenshot(db() + "-28-history-pages");
		browser.find("#any-from").sendKeys("3");
		WebElement to = browser.find("#any-to");
		to.clear();
		to.sendKeys("28");
		browser.find("form.compare-any button").click();
		browser.waitForText("Changes from v3 to v28");
	}

	@Test
	void descriptionAndConfigChangesAreShownWhereverADiffIs() throws IOException {
		Api.Response created = this.api.post("/prompts")
			.json(body("name", uniqueName("ui/fields"), "content", "same", "description", "the old description",
					"config", body("model", "small", "temperature", 0.2)))
			.send();
		String id = created.text("id");
		this.api.patch("/prompts/" + id)
			.raw("application/merge-patch+json",
					"{\"description\":\"the new description\",\"config\":{\"temperature\":0.7}}")
			.send();
		this.api.put("/prompts/" + id + "/labels/staging").json(body("version", 1)).send();
		TestUser maintainer = createUser("maintainer");
		browser.logIn(maintainer.username(), maintainer.password());
		for (String page : List.of("/ui/prompts/" + id + "/diff?from=1&to=2",
				"/ui/prompts/" + id + "/labels/move?label=staging&version=2")) {
			browser.open(page);
			browser.waitForText("Description");
			assertThat(browser.text()).as(page)
				.contains("the old description", "the new description", "Config", "\"temperature\" : 0.2",
						"\"temperature\" : 0.7");
		}
		browser.screenshot(db() + "-29-description-and-config-diff");
		String guarded = uniqueName("guarded");
		this.api.put("/prompts/" + id + "/labels/" + guarded).json(body("version", 1)).send();
		this.api.put("/label-policies/" + guarded).json(body("approvals", 1)).send();
		Api.Response request = this.api.post("/prompts/" + id + "/change-requests")
			.json(body("label", guarded, "version", 2))
			.send();
		assertThat(request.status()).as(request.body()).isEqualTo(201);
		browser.open("/ui/change-requests/" + request.text("id"));
		browser.waitForText("Config");
		assertThat(browser.text()).as("the reviewer sees the description and config change too")
			.contains("the old description", "the new description", "\"temperature\" : 0.7");
		browser.open("/ui/prompts/" + id + "/versions/1/revert");
		browser.waitForText("Config");
		assertThat(browser.text()).contains("the new description", "the old description", "\"temperature\" : 0.2");
	}

	@Test
	void darkModeLocalTimesAndKeysFollowTheViewer() throws IOException {
		String id = createPrompt(uniqueName("ui/keys"), "hello").text("id");
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());
		var cdp = (org.openqa.selenium.chromium.HasCdp) browser.driver();
		cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
		cdp.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		try {
			browser.open("/ui/prompts/" + id);
			browser.waitForText("hello");
			WebElement time = browser.find("main time[datetime]");
			assertThat(time.getText()).as("shown in the viewer's zone").contains("GMT+9");
			assertThat(time.getAttribute("title")).as("the exact UTC time on hover").endsWith("Z");
			Object background = ((JavascriptExecutor) browser.driver())
				.executeScript("return getComputedStyle(document.documentElement).backgroundColor;");
			assertThat(background).as("the system's dark setting").isEqualTo("rgb(15, 20, 32)");
			browser.screenshot(db() + "-30-dark-prompt");
			new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys("e").perform();
			browser.waitForText("Commit message");
			assertThat(browser.driver().getCurrentUrl()).endsWith("/edit");
			browser.open("/ui/prompts");
			new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys("/").perform();
			assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("q");
		}
		finally {
			cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
			cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
		}
	}

	@Test
	void theListFindsByContentFiltersByTagSortsAndShowsLabelsAndTags() throws IOException {
		String stem = uniqueName("ui-find");
		String tag = uniqueName("t");
		String word = uniqueName("zebra");
		this.api.post("/prompts")
			.json(body("name", stem + "/b", "content", "about the " + word, "tags", List.of(tag), "labels",
					List.of("production")))
			.send();
		this.api.post("/prompts").json(body("name", stem + "/a", "content", "plain", "tags", List.of(tag))).send();
		this.api.post("/prompts").json(body("name", stem + "/c", "content", "untagged")).send();
		TestUser viewer = createUser("viewer");
		browser.logIn(viewer.username(), viewer.password());
		browser.open("/ui/prompts");
		browser.find("#q").sendKeys(word);
		browser.find("form.search button").click();
		browser.waitForText(stem + "/b");
		assertThat(browser.text()).as("found by its content").doesNotContain(stem + "/a", stem + "/c");
		assertThat(browser.find("tr[data-name='" + stem + "/b'] .chips").getText()).contains("production", "#" + tag);
		browser.open("/ui/prompts?sort=name&tag=" + tag);
		browser.waitForText(stem + "/a");
		List<String> names = browser.driver()
			.findElements(org.openqa.selenium.By.cssSelector("tbody tr"))
			.stream()
			.map(row -> row.getAttribute("data-name"))
			.toList();
		assertThat(names).containsExactly(stem + "/a", stem + "/b");
		browser.screenshot(db() + "-31-list-by-tag");
		browser.find(".filters a").click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
			.until(driver -> !driver.getCurrentUrl().contains("tag="));
		assertThat(browser.exists(".filters")).as("the tag filter is removed").isFalse();
		assertThat(browser.driver().getCurrentUrl()).as("the order is kept").contains("sort=name");
	}

	@Test
	void thePromptPageIsAWorkbench() throws IOException {
		StringBuilder content = new StringBuilder("Dear {{customer}},\n");
		for (int line = 1; line <= 2_000; line++) {
			content.append("R").append(line).append(": of {{product}}.\n");
		}
		Api.Response created = createPrompt(uniqueName("ui/long-rules"), content.toString());
		String id = created.text("id");
		String name = created.text("name");
		assertThat(this.api.put("/prompts/" + id + "/labels/production").json(body("version", 1)).send().status())
			.isEqualTo(200);
		this.api.put("/prompts/" + id).json(body("name", name, "content", content + "Sign as {{agent}}.\n")).send();
		TestUser editor = createUser("editor");
		browser.logIn(editor.username(), editor.password());
		browser.open("/ui/prompts/" + id);
		assertThat(browser.driver().findElements(By.cssSelector("ul.chips li.chip"))).extracting(WebElement::getText)
			.containsExactly("{{customer}}", "{{product}}", "{{agent}}");
		// a 2,000-line prompt keeps its labels and actions in reach
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		long viewport = (Long) js.executeScript("return window.innerHeight;");
		long labelsTop = (Long) js
			.executeScript("return Math.round(document.getElementById('labels-title').getBoundingClientRect().top);");
		long pageHeight = (Long) js.executeScript("return document.documentElement.scrollHeight;");
		assertThat(labelsTop).as("labels visible without scrolling").isLessThan(viewport);
		assertThat(pageHeight).as("the page does not grow with the prompt").isLessThan(3 * viewport);
		assertThat(browser.find("tr[data-label=production]").getText()).contains("v1");
		assertThat(browser.find("#snippet-curl").getAttribute("textContent")).contains("/prompts/lookup?name=",
				"label=production", "$PROMPTLEDGER_TOKEN");
		assertThat(browser.find("#snippet-java").getAttribute("textContent"))
			.contains("ledger.get(\"" + name + "\", \"production\")", "\"customer\", \"...\"");
		assertThat(browser.find("#snippet-langfuse-js").getAttribute("textContent"))
			.contains("langfuse.prompt.get(\"" + name + "\", { label: \"production\" })");
		browser.screenshot(db() + "-35-workbench");

		// copy buttons show up with JavaScript and copy
		WebElement copyId = browser.find("button.copy[data-copy-from='#prompt-id']");
		assertThat(copyId.isDisplayed()).isTrue();
		copyId.click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5))
			.until(driver -> "Copied".equals(copyId.getAttribute("title")));

		// render in place (htmx): missing variables are named, then the result shows
		browser.find("#render-customer").sendKeys("Ada");
		browser.find("#render-panel button[type=submit]").click();
		browser.find("#render-result p.error");
		assertThat(browser.find("#render-result").getText()).contains("Missing: product, agent");
		browser.find("#render-product").sendKeys("the <b>lamp</b>");
		browser.find("#render-agent").sendKeys("Grace");
		browser.find("#render-panel button[type=submit]").click();
		WebElement rendered = browser.find("#rendered-content");
		assertThat(rendered.getAttribute("textContent")).startsWith("Dear Ada,\nR1: of the <b>lamp</b>.\n")
			.endsWith("Sign as Grace.\n");
		assertThat(browser.driver().getCurrentUrl()).as("rendered in place").endsWith("/ui/prompts/" + id);
		assertThat(browser.find("#render-customer").getAttribute("value")).isEqualTo("Ada");
		browser.screenshot(db() + "-36-workbench-rendered");

		// label badges on versions in history
		browser.open("/ui/prompts/" + id + "/history");
		assertThat(browser.find("tr[data-number='1'] .badge.label").getText()).isEqualTo("production");
		assertThat(browser.exists("tr[data-number='2'] .badge.label")).isFalse();
	}

	@Test
	void anAdminManagesUsersTokensPoliciesWebhooksAndReadsTheAuditLog() throws IOException {
		TestUser admin = createUser("admin");
		browser.logIn(admin.username(), admin.password());
		browser.clickAndWait("nav[aria-label=Main] a[href$='/ui/admin/users']");
		String username = uniqueName("ui-newcomer");
		browser.find("#username").sendKeys(username);
		new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("viewer");
		browser.find("#password").sendKeys("a long enough password");
		browser.clickAndWait("form[action$='/ui/admin/users'] button[type=submit]");
		browser.waitForText("Created " + username + ".");
		assertThat(this.api.get("/users/" + username).send().text("role")).isEqualTo("viewer");

		// the API's own rules, with its words
		browser.open("/ui/admin/users");
		browser.find("#username").sendKeys(username);
		((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('password').value = 'short';"
				+ "document.querySelector('form[action$=\"/ui/admin/users\"]').noValidate = true;");
		browser.clickAndWait("form[action$='/ui/admin/users'] button[type=submit]");
		assertThat(browser.find("#password[aria-invalid=true] ~ p.field-error").getText()).contains("at least 12");
		browser.screenshot(db() + "-37-admin-users");

		browser.open("/ui/admin/users/" + username);
		new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("maintainer");
		browser.clickAndWait("form[action$='/role'] button");
		browser.waitForText(username + " is now maintainer.");
		assertThat(this.api.get("/users/" + username).send().text("role")).isEqualTo("maintainer");

		browser.find("#token-name").sendKeys("ci-deploy");
		browser.clickAndWait("form[action$='/tokens'] button");
		String token = browser.find("#issued-token").getText();
		assertThat(token).isNotBlank();
		browser.screenshot(db() + "-38-admin-token-issued");
		assertThat(this.api.as(token).get("/me").send().status()).isEqualTo(200);
		browser.open("/ui/admin/users/" + username);
		assertThat(browser.exists("#issued-token")).as("shown once").isFalse();
		assertThat(browser.text()).doesNotContain(token);
		browser.clickAndWait("table.tokens button.danger");
		browser.waitForText("The token is revoked");
		assertThat(this.api.as(token).get("/me").send().status()).isEqualTo(401);

		browser.find("#password").sendKeys("another long password");
		browser.clickAndWait("form[action$='/password'] button");
		browser.waitForText("The password of " + username + " is reset.");
		browser.clickAndWait("form[action$='/disabled'] button");
		browser.waitForText(username + " is disabled");
		assertThat(this.api.get("/users/" + username).send().json().get("disabled").asBoolean()).isTrue();
		browser.screenshot(db() + "-39-admin-user");

		// label policies
		String label = uniqueName("ui-gate").replace("/", "-");
		browser.clickAndWait("nav[aria-label=Administration] a[href$='/policies']");
		browser.find("#label").sendKeys(label);
		WebElement approvals = browser.find("#approvals");
		approvals.clear();
		approvals.sendKeys("2");
		browser.clickAndWait("form[action$='/ui/admin/policies'] button");
		browser.waitForText("The policy of " + label + " is set.");
		assertThat(browser.find("tr[data-label='" + label + "']").getText()).contains("2");
		assertThat(this.api.get("/label-policies/" + label).send().json().get("approvals").asInt()).isEqualTo(2);
		browser.screenshot(db() + "-40-admin-policies");
		browser.clickAndWait("tr[data-label='" + label + "'] button.danger");
		browser.waitForText("The policy of " + label + " is removed");
		assertThat(this.api.get("/label-policies/" + label).send().status()).isEqualTo(404);

		// webhooks: the API's checks, the secret once, the delivery log
		browser.clickAndWait("nav[aria-label=Administration] a[href$='/webhooks']");
		browser.find("#url").sendKeys("http://127.0.0.1:9/hook");
		browser.clickAndWait("form[action$='/ui/admin/webhooks'] button.primary");
		assertThat(browser.find("p.error").getText()).contains("refused");
		WebElement url = browser.find("#url");
		url.clear();
		url.sendKeys("https://203.0.113.7/prompt-events");
		browser.find("#webhook-description").sendKeys("ui test");
		browser.clickAndWait("form[action$='/ui/admin/webhooks'] button.primary");
		String secret = browser.find("#webhook-secret").getText();
		assertThat(secret).isNotBlank();
		browser.screenshot(db() + "-41-admin-webhook-created");
		browser.open("/ui/admin/webhooks");
		assertThat(browser.text()).doesNotContain(secret).contains("https://203.0.113.7/prompt-events");
		browser.clickAndWait("table.webhooks a[href*='/ui/admin/webhooks/']");
		browser.waitForText("Deliveries, newest first");
		browser.open("/ui/admin/webhooks");
		browser.clickAndWait("table.webhooks tr:last-child button.danger");
		browser.waitForText("Unsubscribed https://203.0.113.7/prompt-events");

		// the audit log, filtered
		browser.clickAndWait("nav[aria-label=Administration] a[href$='/audit']");
		browser.find("#actor").sendKeys(admin.username());
		new org.openqa.selenium.support.ui.Select(browser.find("#action")).selectByValue("token.revoke");
		browser.clickAndWait("form.search button");
		List<WebElement> entries = browser.driver().findElements(By.cssSelector("table.audit tbody tr"));
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).getText()).contains(admin.username(), "token.revoke");
		browser.screenshot(db() + "-42-admin-audit");

		// not for anyone else
		TestUser maintainer = createUser("maintainer");
		browser.logIn(maintainer.username(), maintainer.password());
		assertThat(browser.exists("nav[aria-label=Main] a[href$='/ui/admin/users']")).isFalse();
		browser.open("/ui/admin/users");
		browser.waitForText("Not allowed");
	}

	/**
	 * Every page, at desktop and phone width, checked by axe-core (injected from npm): no
	 * serious or critical violation. The screenshots are for people to look at.
	 */
	@Test
	void everyPageIsAccessibleAtDesktopAndPhoneWidth() throws IOException {
		String axe = java.nio.file.Files.readString(dev.promptledger.support.NodeTools.file("axe-core", "axe.min.js"));
		Api.Response text = createPrompt(uniqueName("ui/a11y-text"), "Hello {{name}}!\nWelcome to the shop.\n");
		String id = text.text("id");
		this.api.put("/prompts/" + id)
			.json(body("name", text.text("name"), "description", "Greets", "content",
					"Hello {{name}}!\nWelcome to our shop.\n", "config", body("model", "gpt-4o")))
			.send();
		Api.Response chat = this.api.post("/prompts")
			.json(body("name", uniqueName("ui/a11y-chat"), "type", "chat", "messages",
					List.of(body("role", "system", "content", "Be brief."),
							body("type", "placeholder", "name", "history"),
							body("role", "user", "content", "{{question}}"))))
			.send();
		String gate = uniqueName("a11y-gate").replace("/", "-");
		this.api.put("/label-policies/" + gate).json(body("approvals", 1)).send();
		this.api.put("/prompts/" + id + "/labels/staging").json(body("version", 1)).send();
		Api.Response request = this.api.post("/prompts/" + id + "/change-requests")
			.json(body("label", gate, "version", 2, "message", "ship v2"))
			.send();
		assertThat(request.status()).as(request.body()).isEqualTo(201);
		TestUser admin = createUser("admin");
		this.api.post("/users/" + admin.username() + "/tokens").json(body("name", "a11y")).send();
		browser.logIn(admin.username(), admin.password());
		String p = "/ui/prompts/" + id;
		Map<String, String> pages = new java.util.LinkedHashMap<>();
		pages.put("list", "/ui/prompts");
		pages.put("prompt", p);
		pages.put("chat", "/ui/prompts/" + chat.text("id"));
		pages.put("new", "/ui/prompts/new");
		pages.put("new-chat", "/ui/prompts/new?type=chat");
		pages.put("edit", p + "/edit");
		pages.put("edit-chat", "/ui/prompts/" + chat.text("id") + "/edit");
		pages.put("history", p + "/history");
		pages.put("version", p + "/versions/1");
		pages.put("diff", p + "/diff?from=1&to=2");
		pages.put("diff-split", p + "/diff?from=1&to=2&view=split");
		pages.put("revert", p + "/versions/1/revert");
		pages.put("label-move", p + "/labels/move?label=staging&version=2");
		pages.put("label-delete", p + "/labels/staging/delete");
		pages.put("label-history", p + "/labels/staging/history");
		pages.put("delete", p + "/delete");
		pages.put("change-requests", "/ui/change-requests");
		pages.put("change-request", "/ui/change-requests/" + request.text("id"));
		pages.put("admin-users", "/ui/admin/users");
		pages.put("admin-user", "/ui/admin/users/" + admin.username());
		pages.put("admin-policies", "/ui/admin/policies");
		pages.put("admin-webhooks", "/ui/admin/webhooks");
		pages.put("admin-audit", "/ui/admin/audit");
		pages.put("not-found", "/ui/prompts/00000000-0000-0000-0000-000000000000");
		List<String> problems = new java.util.ArrayList<>();
		for (int width : new int[] { 1280, 390 }) {
			browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
			for (Map.Entry<String, String> page : pages.entrySet()) {
				browser.open(page.getValue());
				browser.find("main");
				problems.addAll(axe(axe, page.getKey() + "@" + width));
				long overflow = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				if (overflow > 0) {
					problems.add(page.getKey() + "@" + width + ": scrolls sideways by " + overflow + " px");
				}
				browser.screenshot(db() + "-a11y-" + page.getKey() + "-" + (width > 500 ? "desktop" : "phone"));
			}
		}
		browser.driver().manage().deleteAllCookies();
		browser.open("/ui/login");
		browser.find("#username");
		problems.addAll(axe(axe, "login@390"));
		browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		assertThat(problems).as("serious or critical accessibility violations").isEmpty();
	}

	/** The page's serious and critical axe-core violations, one line each. */
	@SuppressWarnings("unchecked")
	private List<String> axe(String script, String page) {
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined';"))) {
			js.executeScript(script);
		}
		browser.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
		List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
				      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') }))))
				  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), targets: '' }]));""");
		return violations.stream()
			.filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
			.map(v -> page + ": " + v.get("id") + " (" + v.get("impact") + ") " + v.get("help") + " at "
					+ v.get("targets"))
			.toList();
	}

	@Test
	void viewEditRenderRevertAndReviewWorkWithoutJavaScript() throws IOException {
		Api.Response created = createPrompt(uniqueName("ui/no-js"), "Hello {{name}}!\n");
		String id = created.text("id");
		String gate = uniqueName("nojs-gate").replace("/", "-");
		this.api.put("/label-policies/" + gate).json(body("approvals", 1)).send();
		TestUser maintainer = createUser("maintainer");
		try (Browser plain = new Browser("http://127.0.0.1:" + this.port, 1280, 900, false)) {
			plain.logIn(maintainer.username(), maintainer.password());
			plain.open("/ui/prompts/" + id);
			assertThat(plain.find("pre.content").getText()).isEqualTo("Hello {{name}}!");
			assertThat(plain.find("button.copy").isDisplayed()).as("copying needs JavaScript: hidden").isFalse();

			// render: a plain post answers with the whole page
			plain.find("#render-name").sendKeys("Ada");
			plain.clickAndWait("#render-panel button[type=submit]");
			assertThat(plain.find("#rendered-content").getText()).isEqualTo("Hello Ada!");
			assertThat(plain.driver().getCurrentUrl()).as("a page of its own, not htmx").endsWith("/render");

			// edit
			plain.clickAndWait("a[data-key=e]");
			WebElement area = plain.find("#content");
			area.clear();
			area.sendKeys("Hello {{name}}, welcome!\n");
			plain.find("#message").sendKeys("warmer");
			plain.clickAndWait("button[value=save]");
			plain.waitForText("Saved as version 2.");

			// revert: the link leads to a confirmation page
			plain.open("/ui/prompts/" + id + "/history");
			plain.clickAndWait("tr[data-number='1'] a.button");
			plain.waitForText("Revert");
			plain.find("#reason").sendKeys("back to plain");
			plain.clickAndWait("form[action$='/revert'] button.primary");
			plain.waitForText("Reverted to version 1 as version 3.");
			plain.screenshot(db() + "-43-no-js-reverted");

			// a chat's message editor: steps are round trips
			plain.open("/ui/prompts/new?type=chat");
			String chat = uniqueName("ui/no-js-chat");
			plain.find("#name").sendKeys(chat);
			plain.find("#text-0").sendKeys("Be brief.");
			plain.clickAndWait("button[value=add-message]");
			assertThat(plain.find("#text-0").getAttribute("value")).isEqualTo("Be brief.");
			plain.find("#text-1").sendKeys("{{q}}");
			plain.find("#text-2").sendKeys("Sure.");
			plain.find("#role-2").clear();
			plain.find("#role-2").sendKeys("assistant");
			plain.clickAndWait("button[value=save]");
			plain.waitForText("Created " + chat + " as version 1.");

			// review: a change request approved without JavaScript
			this.api.put("/prompts/" + id + "/labels/staging").json(body("version", 1)).send();
			Api.Response request = this.api.post("/prompts/" + id + "/change-requests")
				.json(body("label", gate, "version", 2, "message", "ship the warm one"))
				.send();
			assertThat(request.status()).as(request.body()).isEqualTo(201);
			plain.open("/ui/change-requests/" + request.text("id"));
			plain.waitForText("ship the warm one");
			plain.find("#approve-comment").sendKeys("looks right");
			plain.clickAndWait("form.approve-form button");
			plain.screenshot(db() + "-44-no-js-approved");
		}
		Api.Response chatRead = this.api.get("/prompts").send();
		assertThat(chatRead.status()).isEqualTo(200);
		Api.Response labelled = this.api.get("/prompts/" + id + "?label=" + gate).send();
		assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
		assertThat(labelled.json().get("version").asInt()).isEqualTo(2);
	}

}
