package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.WebhookStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryWebhookStoreTest extends WebhookStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
