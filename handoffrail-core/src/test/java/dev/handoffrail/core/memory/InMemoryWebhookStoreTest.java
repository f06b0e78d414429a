package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.WebhookStoreContract;

class InMemoryWebhookStoreTest extends WebhookStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
