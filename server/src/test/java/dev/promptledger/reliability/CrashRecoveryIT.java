package dev.promptledger.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.promptledger.support.Api;
import dev.promptledger.support.JarNode;
import dev.promptledger.support.PostgresAvailableForIT;
import dev.promptledger.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real server processes (the packaged jar) on one PostgreSQL database; 16 clients
 * split across them write one prompt, half with If-Match; one process is killed with
 * SIGKILL mid-load and started again. Every acknowledged write is there with its content,
 * numbers stay gap-free, nothing is half written, and the restarted node serves correct
 * data at once.
 */
@ExtendWith(PostgresAvailableForIT.class)
class CrashRecoveryIT {

	private static final String TOKEN = JarNode.TOKEN;

	private record Node(Process process, Api api) {
	}

	private record Ack(String content, String versionId) {
	}

	@Test
	void acknowledgedWritesSurviveAKilledNode() throws Exception {
		Node a = start();
		Node b = start();
		try {
			Api.Response created = a.api()
				.post("/prompts")
				.json(Map.of("name", "crash-" + UUID.randomUUID(), "content", "start"))
				.send();
			assertThat(created.status()).isEqualTo(201);
			String id = created.text("id");
			String name = created.text("name");
			List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
			Map<String, Boolean> rejected = new ConcurrentHashMap<>();
			AtomicBoolean running = new AtomicBoolean(true);
			Node[] nodes = { a, b };
			ExecutorService pool = Executors.newFixedThreadPool(16);
			for (int w = 0; w < 16; w++) {
				int writer = w;
				pool.submit(() -> {
					int i = 0;
					while (running.get()) {
						Api api = nodes[writer % 2].api();
						String content = "writer " + writer + " write " + i++ + " " + UUID.randomUUID();
						try {
							Api.Call put = api.put("/prompts/" + id).json(Map.of("name", name, "content", content));
							if (writer % 4 < 2) {
								Api.Response current = api.get("/prompts/" + id).send();
								if (current.status() != 200) {
									continue;
								}
								put.header("If-Match", current.header("ETag"));
							}
							Api.Response response = put.send();
							if (response.status() == 200) {
								acks.add(new Ack(content,
										response.json().get("latest_version").get("version_id").asString()));
							}
							else if (response.status() == 412) {
								rejected.put(content, true);
							}
						}
						catch (RuntimeException ex) {
							// the node was killed under this request: its outcome is
							// unknown to the client; wait a
							// little before the next try, or refused connections spin and
							// starve the restart
							pause(50);
						}
					}
					return null;
				});
			}
			Thread.sleep(3000);
			b.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			Thread.sleep(1500);
			Node restarted = start();
			nodes[1] = restarted;
			Thread.sleep(2000);
			running.set(false);
			pool.shutdown();
			assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

			JsonNode head = restarted.api().get("/prompts/" + id).header("Cache-Control", "no-cache").send().json();
			JsonNode fromA = a.api().get("/prompts/" + id).send().json();
			assertThat(head.get("latest_version").get("version_id"))
				.isEqualTo(fromA.get("latest_version").get("version_id"));
			try (Connection db = DriverManager.getConnection(PostgresDatabase.url(), PostgresDatabase.user(),
					PostgresDatabase.password()); Statement sql = db.createStatement()) {
				List<Integer> numbers = new ArrayList<>();
				try (ResultSet rows = sql
					.executeQuery("SELECT number FROM prompt_version WHERE prompt_id = '" + id + "' ORDER BY number")) {
					while (rows.next()) {
						numbers.add(rows.getInt(1));
					}
				}
				for (int n = 0; n < numbers.size(); n++) {
					assertThat(numbers.get(n)).as("gap-free and unique").isEqualTo(n + 1);
				}
				assertThat(numbers.size()).as("every acknowledged write, plus at most the ones in flight at the kill")
					.isBetween(acks.size() + 1, acks.size() + 1 + 8);
				assertThat(head.get("version").asInt()).isEqualTo(numbers.size());
				assertThat(count(sql, "SELECT COUNT(*) FROM audit_entry WHERE prompt_id = '" + id + "'"))
					.as("one audit entry per version")
					.isEqualTo(numbers.size());
				assertThat(count(sql,
						"SELECT COUNT(*) FROM content_blob b WHERE NOT EXISTS "
								+ "(SELECT 1 FROM prompt_version v WHERE v.content_hash = b.hash)"))
					.as("no orphan content")
					.isZero();
				Map<String, String> hashes = new java.util.HashMap<>();
				try (ResultSet rows = sql
					.executeQuery("SELECT id, content_sha256 FROM prompt_version WHERE prompt_id = '" + id + "'")) {
					while (rows.next()) {
						hashes.put(rows.getString(1), rows.getString(2));
					}
				}
				for (Ack ack : acks) {
					assertThat(hashes.get(ack.versionId())).as("an acknowledged write is there with its content")
						.isEqualTo(sha256(ack.content()));
				}
			}
			Collections.shuffle(acks);
			for (Ack ack : acks.subList(0, Math.min(40, acks.size()))) {
				Api.Response version = restarted.api().get("/prompts/" + id + "/versions/" + ack.versionId()).send();
				assertThat(version.status()).isEqualTo(200);
				assertThat(version.text("content")).isEqualTo(ack.content());
			}
			System.out.println("Crash test: " + acks.size() + " acknowledged writes, " + rejected.size()
					+ " rejected by If-Match");
			restarted.process().destroy();
		}
		finally {
			a.process().destroy();
			b.process().destroyForcibly();
		}
	}

	private static String sha256(String text) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	private static long count(Statement sql, String query) throws Exception {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static Node start() throws IOException, InterruptedException {
		JarNode node = JarNode.start(TOKEN, Map.of(), "crash-node");
		return new Node(node.process(), node.api());
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
