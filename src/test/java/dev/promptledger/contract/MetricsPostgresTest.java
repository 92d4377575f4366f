package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class MetricsPostgresTest extends MetricsContract {

}
