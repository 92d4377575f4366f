package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class ObservabilityPostgresTest extends ObservabilityContract {

}
