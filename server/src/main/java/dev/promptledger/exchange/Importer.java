package dev.promptledger.exchange;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.NameRules;
import dev.promptledger.identity.Actor;
import dev.promptledger.identity.Role;
import dev.promptledger.identity.Users;
import dev.promptledger.http.Checked;
import dev.promptledger.prompt.PromptReads;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.version.Body;
import dev.promptledger.version.PromptView;
import dev.promptledger.version.Version;
import dev.promptledger.prompt.Selector;

/**
 * {@code import PATH [--as USERNAME] [--prefix PREFIX]}: prompts from a CSV in the
 * {@code act,prompt} shape of public prompt collections, or from text and Markdown files
 * (a folder, recursively, or one file). Each is created, or changed by a new version
 * authored by the importing user, or left alone when what the source says is what the
 * prompt says already: importing the same source again makes no version. The same checks
 * as the API apply; an item that fails them is reported and skipped.
 */
@Service
public class Importer {

	/** What an import did. */
	public record Report(int created, int updated, int unchanged, List<String> failures) {
	}

	/**
	 * One prompt as a source gives it: its name, and the fields it says (as the JSON of a
	 * write: {@code content} or {@code messages}, and {@code type}, {@code description},
	 * {@code config} and {@code tags} when it has them); or why the source could not be
	 * read.
	 */
	record Item(String source, String name, ObjectNode fields, String problem) {

		Item(String source, String name, ObjectNode fields) {
			this(source, name, fields, null);
		}

		static Item unreadable(String source, String problem) {
			return new Item(source, null, null, problem);
		}

		String content() {
			JsonNode content = this.fields.get("content");
			return content == null ? null : content.asString();
		}

		String description() {
			JsonNode description = this.fields.get("description");
			return description == null || description.isNull() ? null : description.asString();
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PromptService prompts;

	private final PromptReads reads;

	private final PromptRequests rules;

	private final Users users;

	private final PromptledgerProperties limits;

	Importer(PromptService prompts, PromptReads reads, PromptRequests rules, Users users,
			PromptledgerProperties limits) {
		this.limits = limits;
		this.prompts = prompts;
		this.reads = reads;
		this.rules = rules;
		this.users = users;
	}

	/**
	 * The user an import acts as: an active one who may create prompts.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public Actor importer(String username) {
		return this.users.active(username)
			.filter(user -> user.role().compareTo(Role.EDITOR) >= 0)
			.orElseThrow(() -> new IllegalArgumentException(
					"no active user '" + username + "' who may create prompts " + "(editor or above)"));
	}

	/**
	 * What an import puts before every name: empty, or {@code prefix} ending with a
	 * {@code /}.
	 * @throws IllegalArgumentException when it cannot start a name
	 */
	public static String namePrefix(String prefix) {
		String namePrefix = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
		String prefixProblem = namePrefix.isEmpty() ? null : NameRules
			.pathProblem(namePrefix.substring(0, namePrefix.length() - 1), PromptRequests.MAX_NAME_CHARS);
		if (prefixProblem != null) {
			throw new IllegalArgumentException(
					"the prefix '" + prefix + "' is not a valid start of a name: " + prefixProblem);
		}
		return namePrefix;
	}

	public Report importFrom(Path path, String username, String prefix) throws IOException {
		Actor actor = importer(username);
		String namePrefix = namePrefix(prefix);
		long maxBytes = this.limits.maxBodyBytes();
		List<Item> items = Files.isDirectory(path) ? folder(path, namePrefix, maxBytes)
				: path.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(path, namePrefix)
						: List.of(file(path, path.getFileName().toString(), namePrefix, maxBytes));
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		List<String> failures = new ArrayList<>();
		for (Item item : items) {
			if (item.problem() != null) {
				failures.add(item.source() + ": " + item.problem());
				continue;
			}
			try {
				switch (write(actor, item)) {
					case CREATED -> created++;
					case UPDATED -> updated++;
					case UNCHANGED -> unchanged++;
				}
			}
			catch (ApiException ex) {
				failures.add(item.source() + ": " + ex.getMessage() + fields(ex));
			}
		}
		return new Report(created, updated, unchanged, failures);
	}

	private enum Outcome {

		CREATED, UPDATED, UNCHANGED

	}

	private Outcome write(Actor actor, Item item) {
		ObjectNode body = item.fields().deepCopy();
		body.put("name", item.name());
		body.put("message", "Imported from " + item.source());
		PromptView existing = this.reads.current(item.name());
		if (existing == null) {
			this.prompts.create(actor, this.rules.draft(JSON.writeValueAsBytes(body), true));
			return Outcome.CREATED;
		}
		// what the source does not say stays as it is; what it says replaces the prompt's
		Version head = existing.latest();
		Body current = head.body();
		if (!body.has("content") && !body.has("messages")) {
			if (current.messages() != null) {
				body.set("messages", current.messagesJson());
			}
			else {
				body.put("content", current.content());
			}
		}
		if (!body.has("description")) {
			body.put("description", head.description());
		}
		if (!body.has("config")) {
			body.set("config", current.config());
		}
		boolean changed = this.prompts
			.replace(actor, existing.id(), null, this.rules.draft(JSON.writeValueAsBytes(body), false))
			.changed();
		return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
	}

	/**
	 * Rows of a CSV with a header naming {@code act} and {@code prompt}: the act (a
	 * title) becomes the name, made valid, and stays as the description; a name that is
	 * taken already in the file (in any case) is numbered, in file order.
	 */
	static List<Item> csv(Path path, String prefix) throws IOException {
		List<Item> items = new ArrayList<>();
		Set<String> assigned = new HashSet<>();
		try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
			if (!parser.getHeaderMap().containsKey("act") || !parser.getHeaderMap().containsKey("prompt")) {
				throw new IllegalArgumentException(path + " has no columns 'act' and 'prompt' in its header line");
			}
			for (CSVRecord row : parser) {
				String act = row.get("act").strip();
				String base = NameRules.slug(act, PromptRequests.MAX_NAME_CHARS - prefix.length() - 6);
				base = prefix + (base == null ? "prompt-" + row.getRecordNumber() : base);
				String name = base;
				for (int n = 2; !assigned.add(name.toLowerCase(Locale.ROOT)); n++) { // names
																						// are
																						// unique
																						// in
																						// any
																						// case
					name = base + "-" + n;
				}
				ObjectNode fields = JSON.createObjectNode();
				fields.put("content", row.get("prompt"));
				fields.put("description", act.isEmpty() ? null : act);
				items.add(new Item(path.getFileName() + " line " + row.getRecordNumber(), name, fields));
			}
		}
		return items;
	}

	/**
	 * Every .txt and .md file under {@code root}, in path order, named by its path
	 * without the extension. Symbolic links are not followed, to files or to folders (one
	 * could lead anywhere on the machine): each is reported as skipped, as is a file
	 * larger than any request could be.
	 */
	static List<Item> folder(Path root, String prefix, long maxBytes) throws IOException {
		List<Item> items = new ArrayList<>();
		Path realRoot = root.toRealPath();
		try (Stream<Path> files = Files.walk(realRoot)) {
			for (Path file : files.filter(path -> !path.equals(realRoot)).sorted().toList()) {
				String relative = realRoot.relativize(file).toString().replace('\\', '/');
				if (Files.isSymbolicLink(file)) {
					items.add(Item.unreadable(relative, "a symbolic link, skipped (links are not followed)"));
					continue;
				}
				if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !isText(file)) {
					continue;
				}
				try {
					items.add(file(file, relative, prefix, maxBytes));
				}
				catch (IOException ex) {
					items.add(Item.unreadable(relative, ex.getMessage()));
				}
			}
		}
		return items;
	}

	/**
	 * One file: a text or Markdown file is the content after its front matter, which may
	 * name the prompt and give its description, config and tags; a JSON or YAML file is a
	 * prompt object (text or chat). Without a name of its own, a prompt is named by the
	 * file's path.
	 */
	static Item file(Path file, String relative, String prefix, long maxBytes) throws IOException {
		if (Files.size(file) > maxBytes) {
			throw new IOException("larger than " + maxBytes + " bytes, the most a request may carry; skipped");
		}
		String text = utf8(file);
		ObjectNode fields;
		String name;
		if (isStructured(relative)) {
			fields = PromptDocument.read(text, relative);
			JsonNode given = fields.remove("name");
			name = given == null || given.isNull() ? null : given.asString();
		}
		else {
			PromptFile parsed = PromptFile.read(text);
			fields = JSON.createObjectNode();
			fields.put("content", parsed.content());
			for (String key : List.of("description", "config", "tags")) {
				if (parsed.has(key)) {
					fields.set(key, parsed.meta().get(key));
				}
			}
			name = parsed.text("name");
		}
		return new Item(relative, name == null ? nameOf(relative, prefix) : prefix + name, fields);
	}

	/** The name a file's path gives: its folders and its name without the extension. */
	private static String nameOf(String relative, String prefix) {
		String stem = relative.replaceFirst("\\.(?i)(txt|md|markdown|json|ya?ml)$", "");
		StringBuilder path = new StringBuilder(prefix);
		for (String segment : stem.split("/")) {
			String valid = NameRules.segmentProblem(segment, PromptRequests.MAX_NAME_CHARS) == null ? segment
					: NameRules.slug(segment, PromptRequests.MAX_NAME_CHARS);
			if (valid != null) {
				path.append(path.isEmpty() || path.charAt(path.length() - 1) == '/' ? "" : "/").append(valid);
			}
		}
		return path.toString();
	}

	private static boolean isStructured(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
	}

	private static boolean isText(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".markdown") || isStructured(name);
	}

	private static String utf8(Path file) throws IOException {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IOException("not UTF-8 text", ex);
		}
	}

	private static String fields(ApiException ex) {
		if (!(ex.properties().get("errors") instanceof List<?> errors)) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		for (Object error : errors) {
			if (error instanceof ApiException.FieldError field) {
				out.append(" (").append(field.field()).append(' ').append(field.message()).append(')');
			}
		}
		return out.toString();
	}

}
