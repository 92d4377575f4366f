package dev.promptledger.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.promptledger.support.Api;
import dev.promptledger.support.ApiTestBase;
import dev.promptledger.support.NodeTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the server publishes passes Spectral's OpenAPI rules and the OWASP
 * API Security ruleset without an error (src/test/node/.spectral.yaml says which three
 * rules are off, and why).
 */
abstract class OpenApiLintContract extends ApiTestBase {

	@Test
	void theOpenApiDocumentPassesSpectralAndTheOwaspRuleset() throws IOException, InterruptedException {
		Path spectral = NodeTools.bin("spectral");
		Api.Response document = this.api.get("/openapi.json").anonymous().send();
		assertThat(document.status()).isEqualTo(200);
		Path file = Files.createDirectories(Path.of("target")).resolve("openapi.json");
		Files.writeString(file, document.body(), StandardCharsets.UTF_8);
		Path report = Path.of("target", "spectral.txt");
		Process lint = new ProcessBuilder(spectral.toAbsolutePath().toString(), "lint",
				file.toAbsolutePath().toString(), "--ruleset",
				NodeTools.DIR.resolve(".spectral.yaml").toAbsolutePath().toString(), "--fail-severity", "error")
			.redirectErrorStream(true)
			.redirectOutput(report.toFile())
			.start();
		assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("spectral finished").isTrue();
		String output = Files.readString(report);
		assertThat(lint.exitValue()).as(output).isZero();
		assertThat(output).doesNotContain(" error ");
	}

}
