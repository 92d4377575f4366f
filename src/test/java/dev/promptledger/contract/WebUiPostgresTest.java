package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class WebUiPostgresTest extends WebUiContract {

}
