package dev.promptledger.langfuse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.exchange.Importer;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.http.JsonBody;
import dev.promptledger.identity.Actor;
import dev.promptledger.label.LabelService;
import dev.promptledger.prompt.PromptRequests;
import dev.promptledger.prompt.PromptService;
import dev.promptledger.version.PromptView;

/**
 * {@code import-langfuse FILE [--as USERNAME] [--prefix PREFIX]}: the prompts of a
 * Langfuse export, every version and every label, so that history moves over too. The
 * export is what Langfuse's API answers for each version ({@code GET
 * /api/public/v2/prompts/{name}?version=n}): a JSON array of those objects, an object
 * whose {@code data} is one, or one object per line.
 * <p>
 * Each prompt is written in one transaction, its versions in Langfuse's order with their
 * commit messages, authored by the importing user; then its labels point where they
 * pointed. A prompt whose name is taken already is reported and left alone, as is one
 * that breaks a rule (all of it: nothing of it is written).
 */
@Service
public class LangfuseImport {

	/** What an import did. */
	public record Report(int prompts, int versions, int labels, List<String> failures) {
	}

	/** Reads one version at a time from a stream of them. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** The fields of an exported version that make promptledger's version. */
	private static final Set<String> VERSION_FIELDS = Set.of("name", "type", "prompt", "config", "commitMessage");

	private final PromptService prompts;

	private final PromptRequests rules;

	private final LabelService labels;

	private final LangfusePrompts langfuse;

	private final Importer importer;

	private final TransactionTemplate transactions;

	LangfuseImport(PromptService prompts, PromptRequests rules, LabelService labels, LangfusePrompts langfuse,
			Importer importer, PlatformTransactionManager transactions) {
		this.prompts = prompts;
		this.rules = rules;
		this.labels = labels;
		this.langfuse = langfuse;
		this.importer = importer;
		this.transactions = new TransactionTemplate(transactions);
	}

	public Report importFrom(Path file, String username, String prefix) throws IOException {
		Actor actor = this.importer.importer(username);
		String namePrefix = Importer.namePrefix(prefix);
		List<String> failures = new ArrayList<>();
		Map<String, TreeMap<Integer, ObjectNode>> exported = read(file, failures);
		int prompts = 0;
		int versions = 0;
		int labels = 0;
		for (Map.Entry<String, TreeMap<Integer, ObjectNode>> prompt : exported.entrySet()) {
			String name = namePrefix + prompt.getKey();
			try {
				Imported imported = this.transactions.execute(status -> write(actor, name, prompt.getValue()));
				prompts++;
				versions += imported.versions();
				labels += imported.labels();
			}
			catch (ApiException ex) {
				failures.add(name + ": " + ex.getMessage() + fields(ex));
			}
		}
		return new Report(prompts, versions, labels, failures);
	}

	private record Imported(int versions, int labels) {
	}

	/** One prompt: its versions in order, then its labels. */
	private Imported write(Actor actor, String name, TreeMap<Integer, ObjectNode> versions) {
		if (this.langfuse.existing(name) != null) {
			throw new ApiException(ErrorCode.NAME_TAKEN, "a live prompt has this name already; not imported "
					+ "(import into another part of the namespace with --prefix)");
		}
		ObjectNode newest = versions.lastEntry().getValue();
		Map<Integer, Integer> numbers = new LinkedHashMap<>();
		PromptView view = null;
		for (Map.Entry<Integer, ObjectNode> version : versions.entrySet()) {
			ObjectNode draft = draft(name, version.getKey(), version.getValue());
			if (view == null) {
				if (newest.get("tags") instanceof ArrayNode tags) {
					draft.set("tags", tags);
				}
				view = this.prompts.create(actor, this.rules.draft(bytes(draft), true));
			}
			else {
				view = this.prompts.replace(actor, view.id(), null, this.rules.draft(bytes(draft), false)).prompt();
			}
			numbers.put(version.getKey(), view.latest().number());
		}
		int moved = 0;
		for (Map.Entry<Integer, ObjectNode> version : versions.entrySet()) {
			JsonNode names = version.getValue().get("labels");
			if (names == null || !names.isArray()) {
				continue;
			}
			for (JsonNode label : names) {
				if (label.isString() && !LangfusePrompts.LATEST.equals(label.stringValue())) {
					this.labels.move(actor, view.id(), label.stringValue(),
							this.labels.check(label.stringValue(), numbers.get(version.getKey()).toString()));
					moved++;
				}
			}
		}
		return new Imported(numbers.size(), moved);
	}

	/** A version's write: the Langfuse create it stands for, with its provenance. */
	private static ObjectNode draft(String name, int number, ObjectNode exported) {
		ObjectNode create = JSON.createObjectNode();
		for (String field : VERSION_FIELDS) {
			if (exported.has(field)) {
				create.set(field, exported.get(field));
			}
		}
		create.put("name", name);
		JsonNode message = exported.get("commitMessage");
		if (message == null || message.isNull()) {
			create.put("commitMessage", "Imported from Langfuse (version " + number + ")");
		}
		JsonBody body = JsonBody.parse(bytes(create), VERSION_FIELDS, Set.of());
		return LangfusePrompts.draft(body, name);
	}

	/**
	 * The exported versions by name, then by Langfuse's version number; what cannot be
	 * read is reported.
	 */
	private static Map<String, TreeMap<Integer, ObjectNode>> read(Path file, List<String> failures) throws IOException {
		Map<String, TreeMap<Integer, ObjectNode>> prompts = new TreeMap<>();
		int item = 0;
		try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_OBJECT) {
				JsonNode root = JSON.readTree(parser);
				if (root.get("data") instanceof ArrayNode data) {
					for (JsonNode version : data) {
						add(prompts, version, ++item, failures);
					}
					return prompts;
				}
				add(prompts, root, ++item, failures);
				// one object per line: the rest follow
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					add(prompts, JSON.readTree(parser), ++item, failures);
				}
			}
			else if (first == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					add(prompts, JSON.readTree(parser), ++item, failures);
				}
			}
			else {
				throw new IllegalArgumentException(file + " is not a Langfuse export: expected a JSON array of "
						+ "prompt versions, an object with 'data', or one version per line");
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					file + " is not valid JSON (after " + item + " versions): " + ex.getOriginalMessage(), ex);
		}
		return prompts;
	}

	private static void add(Map<String, TreeMap<Integer, ObjectNode>> prompts, JsonNode version, int item,
			List<String> failures) {
		JsonNode name = version.get("name");
		JsonNode number = version.get("version");
		if (!(version instanceof ObjectNode object) || name == null || !name.isString() || number == null
				|| !number.canConvertToInt() || number.intValue() < 1) {
			failures.add("item " + item + ": not a Langfuse prompt version (it needs a name and a version number)");
			return;
		}
		ObjectNode previous = prompts.computeIfAbsent(name.stringValue(), n -> new TreeMap<>())
			.put(number.intValue(), object);
		if (previous != null) {
			failures.add("item " + item + ": version " + number.intValue() + " of '" + name.stringValue()
					+ "' appears twice; the later one is kept");
		}
	}

	private static byte[] bytes(JsonNode node) {
		return node.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String fields(ApiException ex) {
		Object errors = ex.properties().get("errors");
		if (!(errors instanceof List<?> list) || list.isEmpty()) {
			return "";
		}
		Set<String> problems = new LinkedHashSet<>();
		for (Object error : list) {
			if (error instanceof ApiException.FieldError field) {
				problems.add(LangfuseController.langfuseField(field.field()) + " " + field.message());
			}
		}
		return " (" + String.join("; ", problems) + ")";
	}

}
