package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class RoleMatrixPostgresTest extends RoleMatrixContract {

}
