package io.sessionflow.storage;

/**
 * One storage backend holding bars, quotes and trades, and what each symbol is ({@link InstrumentStore}): what a data manager reads its streams, repairs and history
 * from. {@link #close()} releases connections; it is called once, after every reader has finished.
 *
 * <p>Thread-safe: backends serve the coordinator's loader, the upkeep thread and callers at once, each documenting how.
 */
public interface MarketDataStore extends BarRepository, QuoteStore, TradeStore, InstrumentStore, AutoCloseable {

    /** Where the data lives, for messages: a file path or a JDBC URL without credentials. */
    String description();

    @Override
    void close();
}
