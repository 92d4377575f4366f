package dev.promptledger.contract;

import org.junit.jupiter.api.Nested;

import dev.promptledger.support.OnPostgres;

/**
 * Every contract on this run's PostgreSQL database, in one application context (the
 * concurrent writers, which add a second node, are {@link ConcurrentWritesPostgresTest}).
 */
@OnPostgres
class PostgresContractsTest {

	@Nested
	class Audit extends AuditContract {

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
