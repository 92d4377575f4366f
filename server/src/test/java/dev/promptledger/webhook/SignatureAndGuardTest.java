package dev.promptledger.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signature against the specification's published example, the address guard, the
 * schedule.
 */
class SignatureAndGuardTest {

	@Test
	void theSignatureIsTheSpecificationsExample() {
		// the example of the Standard Webhooks specification (its "Signature scheme")
		assertThat(Signature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aNewSecretIs32RandomBytes() {
		String secret = Signature.newSecret();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
		assertThat(Signature.newSecret()).isNotEqualTo(secret);
	}

	@Test
	void privateTargetsAreRefusedUnlessAllowedAndLinkLocalOnesAlways() throws Exception {
		TargetGuard strict = new TargetGuard(false);
		TargetGuard lenient = new TargetGuard(true);
		for (String address : new String[] { "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1",
				"0.0.0.0", "::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "224.0.0.1", "255.255.255.255" }) {
			InetAddress ip = InetAddress.getByName(address);
			assertThat(strict.problem(ip)).as(address).contains("private");
			assertThat(lenient.problem(ip)).as(address + " with private targets allowed").isNull();
		}
		for (String address : new String[] { "169.254.169.254", "fe80::1", "fd00:ec2::254" }) {
			InetAddress ip = InetAddress.getByName(address);
			assertThat(strict.problem(ip)).as(address).contains("link-local");
			assertThat(lenient.problem(ip)).as(address + " always").contains("link-local");
		}
		for (String address : new String[] { "203.0.113.7", "8.8.8.8", "2001:4860:4860::8888" }) {
			assertThat(strict.problem(InetAddress.getByName(address))).as(address).isNull();
		}
		assertThat(strict.problem(URI.create("http://[::1]:8080/x"))).contains("private");
		assertThatThrownBy(() -> strict.resolve("127.0.0.1")).hasMessageContaining("private");
		assertThat(lenient.resolve("127.0.0.1")).hasSize(1);
	}

	@Test
	void theRetryScheduleIsReadFromDurations() {
		assertThat(WebhookSettings.schedule("1s, 1s,2s,150ms")).containsExactly(Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(150));
		assertThat(WebhookSettings.schedule("")).as("the default").hasSize(16);
		Duration total = WebhookSettings.schedule(null).stream().reduce(Duration.ZERO, Duration::plus);
		assertThat(total).isLessThanOrEqualTo(Duration.ofDays(3)).isGreaterThan(Duration.ofDays(2));
		assertThatThrownBy(() -> WebhookSettings.schedule("5s,soon")).hasMessageContaining("'soon'");
	}

	@Test
	void urlsAreCheckedBeforeTheirAddresses() {
		assertThat(Webhooks.urlProblem("https://example.com/hook")).isNull();
		assertThat(Webhooks.urlProblem("ftp://example.com/")).contains("http");
		assertThat(Webhooks.urlProblem("https://u:p@example.com/")).contains("credentials");
		assertThat(Webhooks.urlProblem("https:///nohost")).contains("host");
		assertThat(Webhooks.urlProblem("https://example.com/" + "a".repeat(3000))).contains("2048");
	}

}
