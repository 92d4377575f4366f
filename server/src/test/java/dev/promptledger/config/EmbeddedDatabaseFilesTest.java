package dev.promptledger.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.promptledger.support.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database's folder and files are readable by their owner only; and a
 * PROMPTLEDGER_ADMIN_TOKEN that does not match the database it meets is reported, never
 * printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseFilesTest {

	@TempDir
	Path dir;

	@Test
	void theDatabaseFolderAndFilesAreTheOwnersOnly(CapturedOutput output) throws IOException {
		Path folder = this.dir.resolve("data");
		String url = "jdbc:h2:file:" + folder.resolve("promptledger")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		try (Node node = Node.start(url, "sa", "")) {
			assertThat(node.api().get("/me").send().status()).isEqualTo(200);
			assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
			try (Stream<Path> files = Files.list(folder)) {
				assertThat(files.toList()).isNotEmpty()
					.allSatisfy(
							file -> assertThat(Files.getPosixFilePermissions(file)).as(file.getFileName().toString())
								.isEqualTo(PosixFilePermissions.fromString("rw-------")));
			}
		}
		assertThat(output.getOut()).doesNotContain("is not a live token");
		String other = "plg_another_token_that_is_not_in_the_database_0123456789";
		try (Node node = Node.start(url, "sa", "", "--promptledger.admin-token=" + other)) {
			assertThat(output.getOut()).contains("PROMPTLEDGER_ADMIN_TOKEN is set but is not a live token of 'admin'")
				.doesNotContain(other);
		}
	}

}
