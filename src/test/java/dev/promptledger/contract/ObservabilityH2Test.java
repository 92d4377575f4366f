package dev.promptledger.contract;

import dev.promptledger.support.OnH2;

@OnH2
class ObservabilityH2Test extends ObservabilityContract {

}
