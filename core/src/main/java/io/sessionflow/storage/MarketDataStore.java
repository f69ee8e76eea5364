package io.sessionflow.storage;

/**
 * One storage backend holding bars, quote bars, quotes and trades, what each symbol is ({@link InstrumentStore}) and
 * its corporate actions ({@link CorporateActionStore}):
 * what a data manager reads its streams, repairs and history
 * from. {@link #close()} releases connections; it is called once, after every reader has finished.
 *
 * <p>Thread-safe: backends serve the coordinator's loader, the upkeep thread and callers at once, each documenting how.
 */
public interface MarketDataStore extends BarRepository, QuoteBarStore, QuoteStore, TradeStore, InstrumentStore,
        CorporateActionStore, AutoCloseable {

    /** Where the data lives, for messages: a file path or a JDBC URL without credentials. */
    String description();

    @Override
    void close();
}
