package dev.promptledger.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Service;

import dev.promptledger.http.Page;
import dev.promptledger.label.Label;
import dev.promptledger.label.LabelService;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.prompt.PromptView;
import dev.promptledger.prompt.Selector;
import dev.promptledger.version.Version;

/**
 * {@code export --to DIR}: every live prompt as a Markdown file, {@code DIR/<name>.md} (a name's
 * segments are folders), its current content after front matter with its metadata, for review in
 * git. Exporting again into the same folder rewrites what changed and removes the files of prompts
 * that are gone (the folder's {@value #INDEX} lists what the last export wrote; nothing else is
 * touched). Importing the folder gives back the same prompts.
 */
@Service
public class Exporter {

	static final String INDEX = ".promptledger-export";

	/** What an export did. */
	public record Report(int written, int unchanged, int removed) {
	}

	private final PromptService prompts;

	private final PromptReads reads;

	private final LabelService labels;

	Exporter(PromptService prompts, PromptReads reads, LabelService labels) {
		this.prompts = prompts;
		this.reads = reads;
		this.labels = labels;
	}

	public Report exportTo(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path index = dir.resolve(INDEX);
		TreeSet<String> before = Files.exists(index)
				? new TreeSet<>(Files.readAllLines(index, StandardCharsets.UTF_8)) : new TreeSet<>();
		TreeSet<String> now = new TreeSet<>();
		int written = 0;
		int unchanged = 0;
		String cursor = null;
		do {
			Page<PromptView> page = this.prompts.list(null, "200", cursor);
			for (PromptView listed : page.items()) {
				PromptView prompt = this.reads.read(listed.id(), Selector.LATEST, true);
				String relative = prompt.latest().name() + ".md";
				now.add(relative);
				if (write(dir.resolve(relative), render(prompt))) {
					written++;
				}
				else {
					unchanged++;
				}
			}
			cursor = page.nextCursor();
		}
		while (cursor != null);
		int removed = 0;
		for (String gone : before) {
			if (!now.contains(gone) && !gone.contains("..") && Files.deleteIfExists(dir.resolve(gone))) {
				removed++;
			}
		}
		Files.write(index, now, StandardCharsets.UTF_8);
		return new Report(written, unchanged, removed);
	}

	private String render(PromptView prompt) {
		Version head = prompt.latest();
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("name", head.name());
		meta.put("description", head.description());
		meta.put("id", prompt.id().toString());
		meta.put("version", head.number());
		meta.put("version_id", head.id().toString());
		meta.put("content_sha256", head.contentSha256());
		meta.put("updated_at", head.createdAt().toString());
		meta.put("updated_by", head.author());
		Map<String, Integer> labelled = new LinkedHashMap<>();
		for (Label label : this.labels.labels(prompt.id())) {
			labelled.put(label.label(), label.number());
		}
		meta.put("labels", labelled);
		return PromptFile.write(meta, head.content());
	}

	/** Writes the file unless it says this already; true when written. */
	private static boolean write(Path file, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
			return false;
		}
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
		return true;
	}

}
