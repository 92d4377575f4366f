package dev.promptledger.webhook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.promptledger.support.Api;
import dev.promptledger.support.Cli;
import dev.promptledger.support.Node;
import dev.promptledger.support.Receiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's commands leave the outbox to the nodes: a delivery that is due when a
 * command runs against the database (here a backup) is neither sent by the command nor
 * marked by it, so a restore cannot deliver events of the data it is replacing.
 */
class CommandsDoNotDeliverTest {

	private static final String ALLOW_PRIVATE = "--promptledger.webhooks.allow-private=true";

	@TempDir
	Path dir;

	@Test
	void aDueDeliveryWaitsForANode() throws Exception {
		String database = Cli.h2("commands-deliver");
		try (Receiver receiver = new Receiver(0, 0)) {
			// a node that records events but sends none
			try (Node node = Node.start(database, "sa", "", ALLOW_PRIVATE, "--promptledger.webhooks.workers=0")) {
				Api api = node.api();
				Api.Response hook = api.post("/webhooks")
					.json(Map.of("url", receiver.url(), "events", List.of("version.created")))
					.send();
				assertThat(hook.status()).as(hook.body()).isEqualTo(201);
				Api.Response created = api.post("/prompts")
					.json(Map.of("name", "outbox/waits", "content", "Hi"))
					.send();
				assertThat(created.status()).as(created.body()).isEqualTo(201);
				assertThat(pending(node)).isEqualTo(1);
			}

			Cli.Result backup = Cli.run(database, "sa", "", "backup", "--to", this.dir.resolve("b.plbk").toString(),
					ALLOW_PRIVATE);
			assertThat(backup.exit()).as(backup.err()).isZero();
			assertThat(receiver.requests()).as("deliveries sent by the backup command").isEmpty();

			try (Node node = Node.start(database, "sa", "", ALLOW_PRIVATE)) {
				assertThat(pending(node)).as("the delivery is still the nodes' to make").isEqualTo(1);
			}
		}
	}

	private static long pending(Node node) {
		return node.jdbc()
			.sql("SELECT count(*) FROM webhook_delivery WHERE status = 'pending'")
			.query(Long.class)
			.single();
	}

}
