package dev.promptledger.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads backup files as a test compares them: their lines, and each table's row count and
 * checksum.
 */
public final class BackupFiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BackupFiles() {
	}

	public static List<String> lines(Path backup) throws IOException {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(Files.newInputStream(backup)), StandardCharsets.UTF_8))) {
			return in.lines().toList();
		}
	}

	/** Each table's closing line: its name, then its row count and checksum. */
	public static Map<String, String> tables(Path backup) throws IOException {
		Map<String, String> tables = new LinkedHashMap<>();
		for (String line : lines(backup)) {
			JsonNode node = JSON.readTree(line);
			if (node.isObject() && node.has("end")) {
				tables.put(node.get("end").asString(),
						node.get("rows").asLong() + " " + node.get("checksum").asString());
			}
		}
		return tables;
	}

}
