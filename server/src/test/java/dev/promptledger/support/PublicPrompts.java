package dev.promptledger.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The public prompt collection every developer and CI run has at
 * ../shared/data/prompts.csv.
 */
public final class PublicPrompts {

	public static final Path CSV = Path.of(System.getProperty("promptledger.shared", "../shared"), "data",
			"prompts.csv");

	private PublicPrompts() {
	}

	/** Its rows, in file order (columns {@code act}, {@code prompt}, ...). */
	public static List<CSVRecord> rows() throws IOException {
		List<CSVRecord> rows = new ArrayList<>();
		try (Reader in = Files.newBufferedReader(CSV, StandardCharsets.UTF_8)) {
			CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).forEach(rows::add);
		}
		return rows;
	}

}
