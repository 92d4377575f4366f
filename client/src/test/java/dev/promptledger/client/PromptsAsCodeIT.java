package dev.promptledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar promptledger-client.jar pull | diff | push} as CI runs it, against the
 * real server: pull writes one file per prompt, diff exits 1 exactly when push would
 * change something and says what, push makes versions only where content changed and
 * moves a label as its policy allows, and every failure is one clear line with its exit
 * code.
 */
class PromptsAsCodeIT {

	private static Server server;

	@TempDir
	Path dir;

	record Run(int exit, String out, String err) {
	}

	@BeforeAll
	static void start() throws Exception {
		server = Server.shared();
	}

	private Run cliWith(String token, String... args) throws Exception {
		String jar = System.getProperty("promptledger.client.jar", "target/promptledger-client.jar");
		List<String> command = new ArrayList<>(List.of("java", "-jar", jar));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("PROMPTLEDGER_URL", server.url());
		builder.environment().remove("PROMPTLEDGER_TOKEN");
		if (token != null) {
			builder.environment().put("PROMPTLEDGER_TOKEN", token);
		}
		Path out = Files.createTempFile("cli", ".out");
		Path err = Files.createTempFile("cli", ".err");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private Run cli(String... args) throws Exception {
		return cliWith(Server.TOKEN, args);
	}

	@Test
	void pullDiffPushRoundTrip() throws Exception {
		String team = "pac-" + UUID.randomUUID().toString().substring(0, 8);
		Server.Reply text = server.call("POST", "/prompts",
				Map.of("name", team + "/greeting", "content", "Hello {{name}}\n", "description", "greets", "config",
						Map.of("temperature", 0.5), "tags", List.of("support"), "labels", List.of("production")));
		assertThat(text.status()).isEqualTo(201);
		String textId = text.body().get("id").asText();
		assertThat(server
			.call("POST", "/prompts",
					Map.of("name", team + "/agent", "type", "chat", "messages",
							List.of(Map.of("role", "system", "content", "Be brief."),
									Map.of("type", "placeholder", "name", "h")),
							"labels", List.of("production")))
			.status()).isEqualTo(201);
		assertThat(server.call("POST", "/prompts", Map.of("name", team + "/draft", "content", "not yet")).status())
			.isEqualTo(201);

		Path repo = this.dir.resolve("prompts");
		Run pull = cli("pull", "--label", "production", "--to", repo.toString(), "--prefix", team + "/");
		assertThat(pull.exit()).as(pull.err()).isZero();
		assertThat(pull.out()).contains("2 written", "1 without the label production");
		Path greeting = repo.resolve(team + "/greeting.md");
		assertThat(Files.readString(greeting)).isEqualTo("---\nname: \"" + team + "/greeting\"\n"
				+ "description: \"greets\"\nconfig: {\"temperature\":0.5}\ntags: [\"support\"]\n---\nHello {{name}}\n");
		assertThat(repo.resolve(team + "/agent.json")).exists();
		assertThat(repo.resolve(team + "/draft.md")).doesNotExist();

		Run clean = cli("diff", repo.toString());
		assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
		assertThat(clean.out()).contains("No changes");

		Files.writeString(greeting,
				Files.readString(greeting).replace("Hello {{name}}", "Hi {{name}}, welcome").replace("0.5", "0.50"),
				StandardCharsets.UTF_8);
		Files.writeString(repo.resolve(team + "/new.md"), "A new prompt for {{who}}.", StandardCharsets.UTF_8);
		Run diff = cli("diff", repo.toString(), "--label", "production");
		assertThat(diff.exit()).as(diff.out() + diff.err()).isEqualTo(1);
		assertThat(diff.out()).contains("~ " + team + "/greeting: content (a new version)")
			.doesNotContain("config")
			.contains("-Hello {{name}}", "+Hi {{name}}, welcome")
			.contains("+ " + team + "/new: new text prompt, labelled production")
			.contains("2 of 3 prompts would change");

		Run push = cli("push", repo.toString(), "--message", "from git", "--label", "production");
		assertThat(push.exit()).as(push.out() + push.err()).isZero();
		assertThat(push.out()).contains("updated " + team + "/greeting (version 2: content, labelled production)",
				"created " + team + "/new (version 1, labelled production)", "2 changed, 1 unchanged, 0 refused");
		Server.Reply after = server.call("GET", "/prompts/" + textId + "?label=production", null);
		assertThat(after.body().get("version").asInt()).isEqualTo(2);
		assertThat(after.body().get("content").asText()).isEqualTo("Hi {{name}}, welcome\n");
		assertThat(after.body().get("latest_version").get("message").asText()).isEqualTo("from git");
		assertThat(cli("push", repo.toString(), "--label", "production").out())
			.contains("0 changed, 3 unchanged, 0 refused");
		assertThat(cli("diff", repo.toString(), "--label", "production").exit()).isZero();
	}

	@Test
	void aGuardedLabelIsRefusedOrProposed() throws Exception {
		String team = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
		String label = "prod-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(server.call("PUT", "/label-policies/" + label, Map.of("approvals", 1)).status()).isEqualTo(200);
		Path repo = Files.createDirectories(this.dir.resolve("guarded").resolve(team));
		Files.writeString(repo.resolve("p.md"), "content one", StandardCharsets.UTF_8);
		Path root = this.dir.resolve("guarded");
		Run refused = cli("push", root.toString(), "--label", label);
		assertThat(refused.exit()).as(refused.out()).isEqualTo(3);
		assertThat(refused.err()).contains("refused: " + team + "/p:", "(approval_required)", "--open-change-requests");
		Run proposed = cli("push", root.toString(), "--label", label, "--open-change-requests");
		assertThat(proposed.exit()).as(proposed.out() + proposed.err()).isZero();
		assertThat(proposed.out()).contains("created " + team + "/p (version 1)", "opened change request",
				"needs 1 approvals");
	}

	@Test
	void failuresAreOneClearLineWithTheirExitCode() throws Exception {
		Run noToken = cliWith(null, "diff", this.dir.toString());
		assertThat(noToken.exit()).isEqualTo(2);
		assertThat(noToken.err()).contains("PROMPTLEDGER_TOKEN is not set");
		Files.writeString(this.dir.resolve("x.md"), "x");
		Run badToken = cliWith("plg_not_a_token", "diff", this.dir.toString());
		assertThat(badToken.exit()).isEqualTo(4);
		assertThat(badToken.err().strip().lines()).hasSize(1);
		assertThat(badToken.err()).contains("does not accept the token");
		Run unknown = cli("push", this.dir.toString(), "--lable", "production");
		assertThat(unknown.exit()).isEqualTo(2);
		assertThat(unknown.err()).contains("unknown option --lable");
		Run missing = cli("diff", this.dir.resolve("nowhere").toString());
		assertThat(missing.exit()).isEqualTo(2);
		Files.writeString(this.dir.resolve("bad.json"), "{\"type\": \"chat\", \"mesages\": []}");
		Run badFile = cli("diff", this.dir.toString());
		assertThat(badFile.exit()).isEqualTo(3);
		assertThat(badFile.err()).contains("bad.json", "mesages");
		assertThat(cli("help").exit()).isZero();
		assertThat(new File(System.getProperty("promptledger.client.jar", "target/promptledger-client.jar"))).exists();
	}

}
