package dev.promptledger.contract;

import dev.promptledger.support.OnH2;

@OnH2
class RoleMatrixH2Test extends RoleMatrixContract {

}
