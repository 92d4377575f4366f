package dev.promptledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package-by-feature layout of style.md, as rules the build enforces. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.promptledger");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.promptledger.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void sharedHttpPlumbingKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.promptledger.http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.promptledger.prompt..", "dev.promptledger.version..",
					"dev.promptledger.identity..", "dev.promptledger.audit..")
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
			.resideInAPackage("dev.promptledger.prompt..")
			.check(CLASSES);
	}

}
