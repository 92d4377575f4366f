package dev.promptledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structural rules of docs/architecture.md, as rules over a base package, so that
 * {@link ArchitectureTest} applies them to the application and shows them failing on
 * fixtures that break them.
 */
final class Architecture {

	/** The methods that write the history; only the ledger (and the stores) call them. */
	static final Map<String, Set<String>> HISTORY_WRITES = Map.of("PromptStore",
			Set.of("insert", "moveHead", "markDeleted"), "VersionStore", Set.of("insert"), "ContentStore",
			Set.of("store", "demote"));

	private Architecture() {
	}

	/**
	 * Every package below {@code base} is a slice, and {@code base} itself (the
	 * application class) is one too; none may depend on another in a cycle.
	 */
	static ArchRule packagesFreeOfCycles(String base) {
		return slices().assignedFrom(new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				String name = javaClass.getPackageName();
				if (name.equals(base)) {
					return SliceIdentifier.of("(root)");
				}
				if (name.startsWith(base + ".")) {
					return SliceIdentifier.of(name.substring(base.length() + 1).split("\\.")[0]);
				}
				return SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "the packages of " + base + ", the root package included";
			}

		}).should().beFreeOfCycles();
	}

	/** A store ({@code @Repository}) is used only by its own feature's package. */
	static ArchRule storesStayInTheirFeature() {
		return classes().that()
			.areAnnotatedWith(Repository.class)
			.should(new ArchCondition<JavaClass>("be used only in their own package") {
				@Override
				public void check(JavaClass store, ConditionEvents events) {
					for (Dependency dependency : store.getDirectDependenciesToSelf()) {
						JavaClass origin = dependency.getOriginClass();
						if (!origin.getPackageName().equals(store.getPackageName())) {
							events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
						}
					}
				}
			});
	}

	/**
	 * Only the ledger writes versions: the stores' write methods are called by the
	 * {@code Ledger} and by the stores beside it, nothing else.
	 */
	static ArchRule onlyTheLedgerWritesVersions() {
		DescribedPredicate<JavaMethodCall> historyWrite = DescribedPredicate.describe("a write of the history",
				call -> HISTORY_WRITES.getOrDefault(call.getTargetOwner().getSimpleName(), Set.of())
					.contains(call.getName()));
		return noClasses()
			.that(DescribedPredicate.describe("are not the Ledger or a store",
					(JavaClass c) -> !c.getSimpleName().equals("Ledger") && !c.getSimpleName().endsWith("Store")))
			.should()
			.callMethodWhere(historyWrite);
	}

	private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.promptledger\\.([a-z][a-z0-9]*)\\b");

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+dev\\.promptledger(?:\\.([a-z0-9]+))?");

	/**
	 * The package graph as the sources state it: every import and qualified name, which
	 * also shows the constants the compiler inlines (and bytecode no longer names).
	 * Sources are given as their text.
	 */
	static Map<String, Set<String>> sourceGraph(List<String> sources) {
		Map<String, Set<String>> graph = new TreeMap<>();
		for (String source : sources) {
			Matcher declared = PACKAGE.matcher(source);
			if (!declared.find()) {
				continue;
			}
			String from = declared.group(1) == null ? "(root)" : declared.group(1);
			Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
			Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
			while (reference.find()) {
				String target = reference.group(1);
				// a class of the root package is named with a capital letter:
				// dev.promptledger.X
				if (!target.equals(from)) {
					to.add(target);
				}
			}
			Matcher root = Pattern.compile("\\bdev\\.promptledger\\.[A-Z]").matcher(source.substring(declared.end()));
			if (root.find() && !from.equals("(root)")) {
				to.add("(root)");
			}
		}
		return graph;
	}

	/** The sources under a directory, as text. */
	static List<String> sources(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			List<String> texts = new ArrayList<>();
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				texts.add(Files.readString(file));
			}
			return texts;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A cycle in the graph, as the packages along it, or an empty list. */
	static List<String> cycle(Map<String, Set<String>> graph) {
		Set<String> done = new HashSet<>();
		for (String start : graph.keySet()) {
			List<String> found = cycleFrom(start, graph, done, new ArrayDeque<>(), new HashSet<>());
			if (!found.isEmpty()) {
				return found;
			}
		}
		return List.of();
	}

	private static List<String> cycleFrom(String node, Map<String, Set<String>> graph, Set<String> done,
			Deque<String> path, Set<String> onPath) {
		if (onPath.contains(node)) {
			List<String> cycle = new ArrayList<>();
			boolean in = false;
			for (String step : (Iterable<String>) path::descendingIterator) {
				in |= step.equals(node);
				if (in) {
					cycle.add(step);
				}
			}
			cycle.add(node);
			return cycle;
		}
		if (!done.add(node)) {
			return List.of();
		}
		path.push(node);
		onPath.add(node);
		for (String next : graph.getOrDefault(node, Set.of())) {
			List<String> found = cycleFrom(next, graph, done, path, onPath);
			if (!found.isEmpty()) {
				return found;
			}
		}
		path.pop();
		onPath.remove(node);
		return List.of();
	}

}
