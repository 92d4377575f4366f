package dev.promptledger.migration;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

import dev.promptledger.identity.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Java migrations compute, pinned to the values they gave when they were
 * written: a change here changes what replaying them does, which must never happen.
 */
class FrozenTest {

	@Test
	void variablesInOrderOfFirstUseWithoutEscapedOnes() {
		assertThat(Frozen.variables("{{b}} {{ a }} {{b}} \\{{c}} {{1x}}")).isEqualTo("b,a");
		assertThat(Frozen.variables("no placeholders")).isEmpty();
	}

	@Test
	void theSummaryOfAVersionOne() {
		assertThat(Frozen.Created.of("a\nb", null)).isEqualTo(new Frozen.Created(2, 3, "name,content"));
		assertThat(Frozen.Created.of("a\n", "d")).isEqualTo(new Frozen.Created(1, 2, "name,content,description"));
		assertThat(Frozen.Created.of("", null)).isEqualTo(new Frozen.Created(0, 0, "name,content"));
		assertThat(Frozen.Created.of("😀", null).charsAdded()).as("code points").isEqualTo(1);
	}

	@Test
	void namesAndSlugs() {
		assertThat(Frozen.validName("team/summarize-v2.1")).isTrue();
		assertThat(Frozen.validName("a//b")).isFalse();
		assertThat(Frozen.validName("../x")).isFalse();
		assertThat(Frozen.validName("x".repeat(201))).isFalse();
		assertThat(Frozen.slug("UX/UI Développeur", 100)).isEqualTo("UX-UI-Developpeur");
		assertThat(Frozen.slug("!!!", 100)).isNull();
	}

	@Test
	void snapshotsAreRawDeflateOfTheContentAndHashesItsSha256() throws Exception {
		byte[] content = "Hello {{who}}\n".repeat(50).getBytes(StandardCharsets.UTF_8);
		Inflater inflater = new Inflater(true);
		inflater.setInput(Frozen.snapshot(content));
		byte[] back = new byte[content.length];
		assertThat(inflater.inflate(back)).isEqualTo(content.length);
		assertThat(back).isEqualTo(content);
		assertThat(HexFormat.of().formatHex(Frozen.sha256("abc".getBytes(StandardCharsets.UTF_8))))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void theAuthorIsTheNameIdentityReserves() {
		assertThat(Frozen.AUTHOR).isEqualTo(Users.MIGRATION);
	}

}
