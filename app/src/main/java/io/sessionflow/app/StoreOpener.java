package io.sessionflow.app;

import io.sessionflow.storage.MarketDataStore;

/** How commands open the store named by {@code --db}; tests substitute an in-memory store. */
@FunctionalInterface
public interface StoreOpener {
    MarketDataStore open(String db);
}
