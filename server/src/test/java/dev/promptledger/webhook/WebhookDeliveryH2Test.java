package dev.promptledger.webhook;

import dev.promptledger.support.OnH2;

/** The deliveries on H2: one node, one delivery worker. */
@OnH2
class WebhookDeliveryH2Test extends WebhookDeliveryContract {

}
