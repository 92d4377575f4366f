package dev.promptledger.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Service;

import dev.promptledger.http.Page;
import dev.promptledger.label.Label;
import dev.promptledger.label.LabelService;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.version.PromptQuery;
import dev.promptledger.version.PromptType;
import dev.promptledger.version.PromptView;
import dev.promptledger.prompt.Selector;
import dev.promptledger.version.Version;

/**
 * {@code export --to DIR}: every live prompt as a file for review in git (a name's
 * segments are folders): a text prompt as {@code DIR/<name>.md}, its current content
 * after front matter with its metadata, config and tags; a chat prompt as
 * {@code DIR/<name>.json}, one object with its messages, config and tags. Exporting again
 * into the same folder rewrites what changed and removes the files of prompts that are
 * gone (the folder's {@value #INDEX} lists what the last export wrote; nothing else is
 * touched). Importing the folder gives back the same prompts.
 */
@Service
public class Exporter {

	static final String INDEX = ".promptledger-export";

	/** Every live prompt, in the order they were created. */
	private static final PromptQuery ALL = new PromptQuery(null, List.of(), PromptQuery.Sort.CREATED_AT);

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

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
		Path root = dir.toRealPath();
		Path index = root.resolve(INDEX);
		if (Files.isSymbolicLink(index)) {
			throw new IOException(index + " is a symbolic link; the export writes and deletes only inside its folder");
		}
		TreeSet<String> before = Files.exists(index, LinkOption.NOFOLLOW_LINKS)
				? new TreeSet<>(Files.readAllLines(index, StandardCharsets.UTF_8)) : new TreeSet<>();
		TreeSet<String> now = new TreeSet<>();
		int written = 0;
		int unchanged = 0;
		String cursor = null;
		do {
			Page<PromptView> page = this.prompts.list(ALL, "200", cursor);
			for (PromptView listed : page.items()) {
				PromptView prompt = this.reads.read(listed.id(), Selector.LATEST, true);
				boolean chat = prompt.latest().type() == PromptType.CHAT;
				String relative = prompt.latest().name() + (chat ? ".json" : ".md");
				now.add(relative);
				if (write(root, relative, chat ? renderChat(prompt) : render(prompt))) {
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
			Path file = now.contains(gone) ? null : inside(root, gone);
			if (file != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(file)) {
				removed++;
			}
		}
		replace(index, String.join("\n", now) + (now.isEmpty() ? "" : "\n"));
		return new Report(written, unchanged, removed);
	}

	/**
	 * The file at {@code relative} under {@code root}, or null unless it is a plain
	 * relative path of an exported file whose folders are real folders inside
	 * {@code root}: an index entry that is absolute, climbs out, or leads through a
	 * symbolic link is never touched.
	 */
	static Path inside(Path root, String relative) {
		Path path;
		try {
			path = Path.of(relative);
		}
		catch (java.nio.file.InvalidPathException ex) {
			return null;
		}
		if (relative.isEmpty() || path.isAbsolute() || !path.normalize().equals(path) || path.startsWith("..")
				|| !(relative.endsWith(".md") || relative.endsWith(".json"))) {
			return null;
		}
		Path folder = root;
		for (int i = 0; i < path.getNameCount() - 1; i++) {
			folder = folder.resolve(path.getName(i));
			if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
				return null;
			}
		}
		return root.resolve(path);
	}

	/**
	 * A text prompt: front matter (its name, description, config and tags when it has
	 * them, then what the export says about the version), then its content.
	 */
	private String render(PromptView prompt) {
		Version head = prompt.latest();
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("name", head.name());
		meta.put("description", head.description());
		if (!head.body().config().isEmpty()) {
			meta.put("config", head.body().config());
		}
		if (!prompt.tags().isEmpty()) {
			meta.put("tags", prompt.tags());
		}
		about(prompt, meta);
		return PromptFile.write(meta, head.content());
	}

	/** A chat prompt: one JSON object with all of it, as an import reads it back. */
	private String renderChat(PromptView prompt) {
		Version head = prompt.latest();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("name", head.name());
		document.put("type", "chat");
		document.put("description", head.description());
		document.put("messages", head.body().messagesJson());
		document.put("config", head.body().config());
		document.put("tags", prompt.tags());
		about(prompt, document);
		return PromptDocument.write(JSON.valueToTree(document));
	}

	/** What the export says about the version it wrote (an import reads over it). */
	private void about(PromptView prompt, Map<String, Object> meta) {
		Version head = prompt.latest();
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
	}

	/**
	 * Writes the file unless it says this already; true when written. Its folders are
	 * created as real folders inside {@code root}; a symbolic link on the way, or in the
	 * file's place, is refused.
	 */
	private static boolean write(Path root, String relative, String text) throws IOException {
		Path folder = root;
		Path path = Path.of(relative);
		for (int i = 0; i < path.getNameCount() - 1; i++) {
			folder = folder.resolve(path.getName(i));
			if (Files.isSymbolicLink(folder)) {
				throw new IOException(folder + " is a symbolic link; the export writes only inside its folder");
			}
			if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
				Files.createDirectory(folder);
			}
		}
		Path file = root.resolve(path);
		if (Files.isSymbolicLink(file)) {
			throw new IOException(file + " is a symbolic link; the export writes only inside its folder");
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
				&& java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
			return false;
		}
		replace(file, text);
		return true;
	}

	/**
	 * Replaces a file by renaming a new one over it: a link planted in its place is
	 * replaced, never followed.
	 */
	private static void replace(Path file, String text) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), ".promptledger-", ".tmp");
		try {
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
