package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class ErrorsPostgresTest extends ErrorsContract {

}
