package dev.promptledger.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How many watch streams a node keeps open: the setting, or a quarter of the heap. */
class WatchSettingsTest {

	@Test
	void unsetTheLimitIsAQuarterOfTheHeapWithinItsBounds() {
		long quarter = Runtime.getRuntime().maxMemory() / 4 / WatchSettings.BYTES_PER_STREAM;
		int expected = (int) Math.max(100, Math.min(2000, quarter));
		assertThat(new WatchSettings(null, Duration.ofSeconds(15)).limit()).isEqualTo(expected).isBetween(100, 2000);
	}

	@Test
	void aSettingIsTakenAsItIs() {
		assertThat(new WatchSettings(5000, Duration.ofSeconds(15)).limit()).isEqualTo(5000);
		assertThat(new WatchSettings(0, Duration.ofSeconds(15)).limit()).isZero();
		assertThatThrownBy(() -> new WatchSettings(-1, Duration.ofSeconds(15)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new WatchSettings(null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
	}

}
