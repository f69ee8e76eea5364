package io.sessionflow.store.contract;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.testing.InMemoryStore;
import java.util.Optional;

/** Keeps the in-memory reference honest: it must pass the contract the real backends are held to. */
class InMemoryStoreContractTest extends MarketDataStoreContract {

    @Override
    protected MarketDataStore openStore() {
        return new InMemoryStore();
    }

    @Override
    protected Optional<AutoCloseable> rejectRepeatedVolumes() {
        return Optional.empty();
    }
}
