package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class RevertPostgresTest extends RevertContract {

}
