package dev.promptledger.langfuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.promptledger.support.Api;
import dev.promptledger.support.JarNode;
import dev.promptledger.support.NodeTools;
import dev.promptledger.support.PostgresAvailableForIT;

/**
 * Langfuse's own SDK, the real {@code @langfuse/client} package pinned in
 * src/test/node/package.json, against the packaged jar: src/test/node/langfuse-sdk.mjs
 * holds the checks (create text and chat prompts, get by label, version and default,
 * names with a slash, compile, update, list, delete, policies, roles, 404, the SDK's
 * cache and fallback).
 */
@ExtendWith(PostgresAvailableForIT.class)
class LangfuseSdkIT {

	@Test
	void langfusesSdkWorksUnchanged() throws Exception {
		List<String> command = NodeTools.script("langfuse-sdk.mjs", "@langfuse/client");
		JarNode node = JarNode.start(JarNode.TOKEN, Map.of(), "langfuse-node");
		try {
			String run = "lf-" + UUID.randomUUID().toString().substring(0, 8);
			Map<String, String> environment = new HashMap<>();
			environment.put("LANGFUSE_BASE_URL", node.api().base());
			environment.put("PL_RUN", run);
			for (String role : List.of("editor", "viewer", "maintainer")) {
				String[] keys = keyPair(node.api(), run + "-" + role, role);
				environment.put("PL_" + role.toUpperCase() + "_PK", keys[0]);
				environment.put("PL_" + role.toUpperCase() + "_SK", keys[1]);
			}
			String guarded = run + "-guarded";
			assertThat(node.api()
				.put("/label-policies/" + guarded)
				.json(Map.of("approvals", 1, "approver_role", "maintainer"))
				.send()
				.status()).isEqualTo(200);
			environment.put("PL_GUARDED_LABEL", guarded);

			ProcessBuilder builder = new ProcessBuilder(command).directory(NodeTools.DIR.toFile())
				.redirectErrorStream(true)
				.redirectOutput(new File("target", "langfuse-sdk.log"));
			builder.environment().putAll(environment);
			Process script = builder.start();
			boolean finished = script.waitFor(5, TimeUnit.MINUTES);
			String output = Files.readString(Path.of("target", "langfuse-sdk.log"));
			if (!finished) {
				script.destroyForcibly();
			}
			assertThat(finished).as(output).isTrue();
			assertThat(script.exitValue()).as(output).isZero();
			assertThat(output).contains("all 12 checks passed");
		}
		finally {
			node.process().destroy();
			node.process().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** A new user of {@code role} and a token of theirs, as a Langfuse key pair. */
	private static String[] keyPair(Api admin, String username, String role) {
		Api.Response user = admin.post("/users").json(Map.of("username", username, "role", role)).send();
		assertThat(user.status()).as(user.body()).isEqualTo(201);
		Api.Response token = admin.post("/users/" + username + "/tokens").json(Map.of("name", "langfuse sdk")).send();
		assertThat(token.status()).as(token.body()).isEqualTo(201);
		return new String[] { "pk-lf-" + token.text("token_id"), token.text("token") };
	}

}
