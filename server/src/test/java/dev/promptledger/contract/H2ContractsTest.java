package dev.promptledger.contract;

import org.junit.jupiter.api.Nested;

import dev.promptledger.support.OnH2;

/**
 * Every contract on an in-memory H2 database in PostgreSQL mode, in one application
 * context: one place per database instead of a one-line class per contract and database.
 */
@OnH2
class H2ContractsTest {

	@Nested
	class Audit extends AuditContract {

	}

	@Nested
	class ConcurrentWrites extends ConcurrentWritesContract {

	}

	@Nested
	class Errors extends ErrorsContract {

	}

	@Nested
	class Governance extends GovernanceContract {

	}

	@Nested
	class Identity extends IdentityContract {

	}

	@Nested
	class Langfuse extends LangfuseContract {

	}

	@Nested
	class Labels extends LabelsContract {

	}

	@Nested
	class Observability extends ObservabilityContract {

	}

	/** Once: the document does not depend on the database. */
	@Nested
	class OpenApiLint extends OpenApiLintContract {

	}

	@Nested
	class Prompts extends PromptsContract {

	}

	@Nested
	class QueryParameters extends QueryParametersContract {

	}

	@Nested
	class Revert extends RevertContract {

	}

	@Nested
	class RoleMatrix extends RoleMatrixContract {

	}

	@Nested
	class StructuredPrompts extends StructuredPromptsContract {

	}

	@Nested
	class Versions extends VersionsContract {

	}

	@Nested
	class WebUi extends WebUiContract {

	}

	@Nested
	class Watch extends WatchContract {

	}

}
