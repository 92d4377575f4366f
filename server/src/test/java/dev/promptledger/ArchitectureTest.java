package dev.promptledger;

import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layout of docs/architecture.md, as rules the build enforces; each rule is also
 * shown failing on a fixture that breaks it (under {@code archfixture}), so a rule that
 * cannot fail would be noticed.
 */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.promptledger");

	private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("archfixture");

	@Test
	void packagesHaveNoCyclesTheRootIncluded() {
		Architecture.packagesFreeOfCycles("dev.promptledger").check(CLASSES);
	}

	@Test
	void theCycleRuleFindsACycle() {
		assertThatThrownBy(() -> Architecture.packagesFreeOfCycles("archfixture.cycle").check(FIXTURES))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Cycle detected");
	}

	@Test
	void theSourcesHaveNoCyclesEither() {
		List<String> cycle = Architecture
			.cycle(Architecture.sourceGraph(Architecture.sources(Path.of("src/main/java"))));
		assertThat(cycle).as("a package cycle in the sources (imports and qualified names)").isEmpty();
	}

	@Test
	void theSourceGraphSeesAConstantTheCompilerInlines() {
		String version = """
				package dev.promptledger.version;
				import dev.promptledger.identity.Users;
				class Adopt { static final String AUTHOR = Users.MIGRATION; }
				""";
		String identity = """
				package dev.promptledger.identity;
				public class Users { public static final String MIGRATION = "migration";
				  dev.promptledger.version.Version latest; }
				""";
		assertThat(Architecture.cycle(Architecture.sourceGraph(List.of(version, identity)))).containsExactly("identity",
				"version", "identity");
		String root = """
				package dev.promptledger;
				import dev.promptledger.cli.Commands;
				class App { }
				""";
		String cli = """
				package dev.promptledger.cli;
				class Commands { Class<?> app = dev.promptledger.App.class; }
				""";
		assertThat(Architecture.cycle(Architecture.sourceGraph(List.of(root, cli)))).isNotEmpty();
	}

	@Test
	void storesStayInTheirFeature() {
		Architecture.storesStayInTheirFeature().check(CLASSES);
	}

	@Test
	void theStoreRuleFindsAStoreReachedFromAnotherFeature() {
		assertThatThrownBy(() -> Architecture.storesStayInTheirFeature().check(FIXTURES))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Sneaky");
	}

	@Test
	void onlyTheLedgerWritesVersions() {
		Architecture.onlyTheLedgerWritesVersions().check(CLASSES);
	}

	@Test
	void theLedgerRuleFindsAVersionWrittenElsewhere() {
		assertThatThrownBy(() -> Architecture.onlyTheLedgerWritesVersions().check(FIXTURES))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Sneaky.write");
	}

	@Test
	void sharedHttpPlumbingKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.promptledger.http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.promptledger.prompt..", "dev.promptledger.version..",
					"dev.promptledger.identity..", "dev.promptledger.audit..", "dev.promptledger.label..")
			.check(CLASSES);
	}

	@Test
	void controllersDoNotTouchPersistence() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAnnotatedWith(Repository.class)
			.check(CLASSES);
	}

	@Test
	void historyDoesNotDependOnPrompts() {
		noClasses().that()
			.resideInAPackage("dev.promptledger.version..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.promptledger.prompt..", "dev.promptledger.label..", "dev.promptledger.identity..")
			.check(CLASSES);
	}

	@Test
	void migrationsUseNoLiveCode() {
		noClasses().that()
			.resideInAPackage("dev.promptledger.migration..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.promptledger..")
				.and(JavaClass.Predicates.resideOutsideOfPackage("dev.promptledger.migration..")))
			.check(CLASSES);
	}

}
