package dev.promptledger.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.promptledger.support.PublicPrompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The blob encodings with a dictionary trained on half of the public collection, read on
 * the other half: each round-trips, shares bytes the way the store counts on, and damage
 * or a missing dictionary is an error, never another content.
 */
class BlobCodecTest {

	private static List<byte[]> trainedOn;

	private static List<byte[]> heldOut;

	private static Dictionary dictionary;

	@BeforeAll
	static void train() throws IOException {
		List<CSVRecord> rows = PublicPrompts.rows();
		trainedOn = new ArrayList<>();
		heldOut = new ArrayList<>();
		for (int i = 0; i < 800; i++) {
			(i % 2 == 0 ? trainedOn : heldOut).add(rows.get(i).get("prompt").getBytes(StandardCharsets.UTF_8));
		}
		dictionary = new Dictionary(1, Dictionary.train(trainedOn));
	}

	@Test
	void snapshotsRoundTripAndTheDictionaryPaysOnContentsItNeverSaw() {
		long deflated = 0;
		long zstd = 0;
		for (byte[] content : heldOut) {
			byte[] plain = BlobCodec.snapshot(content, null, false);
			byte[] fast = BlobCodec.snapshot(content, dictionary, false);
			byte[] hard = BlobCodec.snapshot(content, dictionary, true);
			assertThat(BlobCodec.decompress(plain, content.length, null)).isEqualTo(content);
			assertThat(BlobCodec.decompress(fast, content.length, dictionary)).isEqualTo(content);
			assertThat(BlobCodec.decompress(hard, content.length, dictionary)).isEqualTo(content);
			deflated += plain.length;
			zstd += fast.length;
		}
		assertThat(dictionary.size()).isLessThanOrEqualTo(Dictionary.SIZE);
		assertThat(zstd + dictionary.size()).as("held-out contents with the dictionary, its bytes counted")
			.isLessThan(deflated * 9 / 10);
	}

	@Test
	void deltasTakeTheSmallestEncodingAndRoundTrip() {
		int withDictionary = 0;
		for (int i = 0; i + 1 < heldOut.size(); i += 2) {
			String base = new String(heldOut.get(i), StandardCharsets.UTF_8);
			String target = base + "\n\n" + new String(heldOut.get(i + 1), StandardCharsets.UTF_8);
			BlobCodec.Delta delta = BlobCodec.delta(base.getBytes(StandardCharsets.UTF_8),
					target.getBytes(StandardCharsets.UTF_8), dictionary);
			assertThat(BlobCodec.apply(base, delta.data(), delta.needsDictionary() ? dictionary : null))
				.isEqualTo(target);
			withDictionary += delta.needsDictionary() ? 1 : 0;
			BlobCodec.Delta small = BlobCodec.delta(base.getBytes(StandardCharsets.UTF_8),
					(base + "!").getBytes(StandardCharsets.UTF_8), dictionary);
			assertThat(small.needsDictionary()).as("a one-character edit is smaller as it is").isFalse();
			assertThat(small.data()).hasSizeLessThan(12);
		}
		assertThat(withDictionary).as("deltas that insert a paragraph").isGreaterThan(150);
	}

	@Test
	void damageOrAMissingDictionaryIsAnErrorNotAnotherContent() {
		byte[] content = heldOut.get(0);
		byte[] data = BlobCodec.snapshot(content, dictionary, false);
		byte[] damaged = data.clone();
		damaged[damaged.length / 2] ^= 0x5A;
		// frames carry no checksum: damage is refused by zstd or decodes to other bytes,
		// which the store refuses by their hash (ContentStore.rebuild)
		assertThat(refusedOrOther(() -> BlobCodec.decompress(damaged, content.length, dictionary), content)).isTrue();
		assertThatThrownBy(() -> BlobCodec.decompress(data, content.length + 1, dictionary))
			.isInstanceOf(CorruptContentException.class);
		Dictionary other = new Dictionary(2, Dictionary.train(heldOut));
		assertThat(refusedOrOther(() -> BlobCodec.decompress(data, content.length, other), content)).isTrue();

		String base = new String(heldOut.get(1), StandardCharsets.UTF_8);
		BlobCodec.Delta delta = BlobCodec.delta(base.getBytes(StandardCharsets.UTF_8),
				(base + "\n\n" + new String(heldOut.get(2), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
				dictionary);
		assertThat(delta.needsDictionary()).isTrue();
		assertThatThrownBy(() -> BlobCodec.apply(base, delta.data(), null)).isInstanceOf(CorruptContentException.class)
			.hasMessageContaining("names none");
		byte[] huge = delta.data().clone();
		huge[1] = (byte) 0xFF;
		huge[2] = (byte) 0xFF;
		huge[3] = (byte) 0xFF;
		huge[4] = (byte) 0x7F;
		assertThatThrownBy(() -> BlobCodec.apply(base, huge, dictionary)).isInstanceOf(CorruptContentException.class);
	}

	private static boolean refusedOrOther(Supplier<byte[]> read, byte[] content) {
		try {
			return !Arrays.equals(read.get(), content);
		}
		catch (CorruptContentException ex) {
			return true;
		}
	}

	@Test
	void tooFewSamplesTrainNothing() {
		assertThat(Dictionary.train(List.of("one".getBytes(StandardCharsets.UTF_8)))).isNull();
	}

}
