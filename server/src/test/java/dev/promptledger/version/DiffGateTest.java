package dev.promptledger.version;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large diffs share a fixed pool of permits; small ones never wait; permits always come
 * back.
 */
class DiffGateTest {

	@Test
	void largeDiffsWaitForPermitsAndSmallOnesNever() throws Exception {
		try (DiffGate.Permit small = DiffGate.enter(DiffGate.SMALL)) {
			assertThat(DiffGate.available()).as("a small diff takes nothing").isEqualTo(DiffGate.CAPACITY);
		}
		DiffGate.Permit all = DiffGate.enter(Long.MAX_VALUE);
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
			try (DiffGate.Permit next = DiffGate.enter(DiffGate.SMALL + 1)) {
				return true;
			}
		});
		try (DiffGate.Permit small = DiffGate.enter(100)) {
			assertThat(DiffGate.available()).as("a small diff passes while the pool is taken").isZero();
		}
		Thread.sleep(200);
		assertThat(waiting).as("a large one waits").isNotDone();
		all.close();
		all.close();
		assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
		try (DiffGate.Permit again = DiffGate.enterForAnswer(DiffGate.CAPACITY)) {
			assertThat(DiffGate.available()).as("held while computing").isZero();
		}
		assertThat(DiffGate.available()).as("outside a request the caller returns the permits")
			.isEqualTo(DiffGate.CAPACITY);
	}

}
