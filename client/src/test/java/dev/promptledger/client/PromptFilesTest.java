package dev.promptledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file format of prompts as code, which the server's export and import share. */
class PromptFilesTest {

	@TempDir
	Path dir;

	private static JsonNode json(String text) throws IOException {
		return Transport.JSON.readTree(text);
	}

	@Test
	void aTextFileRoundTripsByteForByte() throws IOException {
		String content = "\n\r\nLeading newline, CRLF\r\n---\nand a fence inside\n";
		String text = PromptFiles.text("a/b", null, json("{\"t\":0.5}"), json("[\"x\"]"), content);
		Path file = Files.createDirectories(this.dir.resolve("a")).resolve("b.md");
		Files.writeString(file, text);
		PromptFiles.Local local = PromptFiles.read(this.dir).get("a/b");
		assertThat(local.content()).isEqualTo(content);
		assertThat(local.hasDescription()).isTrue();
		assertThat(local.description()).isNull();
		assertThat(local.config()).isEqualTo(json("{\"t\":0.5}"));
		assertThat(local.tags()).isEqualTo(json("[\"x\"]"));
	}

	@Test
	void handWrittenFilesReadToo() throws IOException {
		Files.writeString(this.dir.resolve("plain.txt"), "no front matter");
		Files.writeString(this.dir.resolve("named.md"), "---\nname: team/other\ndescription: hand written\n---\nbody");
		Files.writeString(this.dir.resolve("chat.json"),
				"{\"type\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"version\":3}");
		Files.writeString(this.dir.resolve("README"), "not a prompt");
		Map<String, PromptFiles.Local> prompts = PromptFiles.read(this.dir);
		assertThat(prompts).containsOnlyKeys("plain", "team/other", "chat");
		assertThat(prompts.get("plain").hasDescription()).isFalse();
		assertThat(prompts.get("team/other").description()).isEqualTo("hand written");
		assertThat(prompts.get("chat").isChat()).isTrue();
	}

	@Test
	void typosAndPathsThatClimbOutAreRefused() throws IOException {
		Files.writeString(this.dir.resolve("typo.md"), "---\ndescriptoin: x\n---\nbody");
		assertThatThrownBy(() -> PromptFiles.read(this.dir)).hasMessageContaining("descriptoin");
		assertThatThrownBy(() -> PromptFiles.fileOf(this.dir, "a/../../etc", false)).isInstanceOf(IOException.class);
	}

	@Test
	void numbersCompareAsTheServerKeepsThem() throws IOException {
		assertThat(PromptFiles.canonical(json("{\"t\":1.0,\"u\":[0.50]}")))
			.isEqualTo(PromptFiles.canonical(json("{\"t\":1,\"u\":[0.5]}")));
	}

}
