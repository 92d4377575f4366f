package dev.promptledger.contract;

import dev.promptledger.support.OnPostgres;

@OnPostgres
class LabelsPostgresTest extends LabelsContract {

}
