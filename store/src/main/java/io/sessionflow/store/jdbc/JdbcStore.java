package io.sessionflow.store.jdbc;

import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.MapFile;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.Instrument;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.storage.UpsertResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The behaviour both SQL backends share, composed of its parts: {@link SchemaManager} (tables and their version),
 * {@link SymbolDictionary} (symbol ids), {@link UpsertWriter} (staged, counted, all-or-nothing writes),
 * {@link JdbcBarRepository}, {@link JdbcQuoteBarRepository} and one {@link JdbcTickRepository} each for quotes and
 * trades (grouped columnar reads), {@link CoverageQuery} and {@link InstrumentTable}, over {@link Transactions}. All
 * run one set of SQL statements that DuckDB and PostgreSQL both
 * accept. A backend supplies connections, bulk staging (DuckDB's appender, PostgreSQL's COPY) and bulk query results
 * (DuckDB's Arrow export, a PostgreSQL cursor) through the hooks below, and calls {@link #initializeOrClose} as the
 * last step of its constructor.
 *
 * <p>Thread-safe: every call borrows a connection of its own from the backend, so reads run in parallel; writes
 * through one store are serialised by a lock, which avoids write-write conflicts between its own callers. Two
 * processes that insert the same new keys at the same moment (PostgreSQL) conflict on the primary key: the later
 * write fails with a {@link StorageException} and changes nothing, and may simply be retried.
 */
public abstract class JdbcStore implements MarketDataStore {

    private final String description;
    private final Backend backend = new Hooks();
    private final Transactions transactions;
    private final SymbolDictionary symbols;
    private final JdbcBarRepository bars;
    private final JdbcQuoteBarRepository quoteBars;
    private final JdbcTickRepository<QuoteSeries> quotes;
    private final JdbcTickRepository<TradeSeries> trades;
    private final CoverageQuery coverage;
    private final InstrumentTable instruments;
    private final CorporateActionTable corporate;
    private final Inventory inventory;

    protected JdbcStore(String description) {
        this.description = Objects.requireNonNull(description, "description");
        transactions = new Transactions(description, backend);
        symbols = new SymbolDictionary(transactions);
        UpsertWriter writer = new UpsertWriter(transactions, backend, symbols);
        GroupedRead reads = new GroupedRead(transactions, backend);
        bars = new JdbcBarRepository(writer, reads, symbols);
        quoteBars = new JdbcQuoteBarRepository(writer, reads, symbols);
        quotes = new JdbcTickRepository<>(JdbcTickRepository.QUOTES, writer, reads, symbols);
        trades = new JdbcTickRepository<>(JdbcTickRepository.TRADES, writer, reads, symbols);
        coverage = new CoverageQuery(transactions, backend, symbols);
        instruments = new InstrumentTable(transactions, symbols);
        corporate = new CorporateActionTable(transactions, symbols);
        inventory = new Inventory(transactions, backend, symbols, coverage);
    }

    // ---------------------------------------------------------------- backend hooks

    /** A connection with auto-commit off, for the calling thread only until {@link #release}. */
    protected abstract Connection acquire() throws SQLException;

    /** Gives back a connection from {@link #acquire()}; its transaction is already committed or rolled back. */
    protected abstract void release(Connection connection);

    /** Loads {@code rows} into the empty temporary table {@code rows.table().stageName()}. */
    protected abstract void stage(Connection connection, StagedRows rows) throws SQLException;

    /**
     * Runs a query and hands its result to {@code sink} in batches.
     *
     * @param types the select list's column types; TIMESTAMP columns are selected through {@link #micros}
     */
    protected abstract void query(Connection connection, String sql, StatementBinder binder, List<ColumnType> types,
                                  BatchSink sink) throws SQLException;

    /**
     * Reads a {@code ResultSet} into batches, row by row: for backends without a columnar export. TIMESTAMP columns
     * must have been selected through {@link #micros} as BIGINT epoch micros.
     */
    protected static void readResultSet(ResultSet rs, List<ColumnType> types, BatchSink sink) throws SQLException {
        ArrayBatch.readAll(rs, types, sink);
    }

    /** The select-list expression that delivers a TIMESTAMP expression to {@link #query} as epoch micros. */
    protected abstract String micros(String timestamp);

    /** An arithmetic BIGINT expression of a TIMESTAMP expression's epoch micros. */
    protected abstract String epochMicros(String timestamp);

    /**
     * Writes a query's rows to a new file with the database's own export, where it has one; returns the rows
     * written, or -1 (the default) to have them streamed through JDBC instead.
     *
     * @param select     the query, given a template ({@code %s} the time column) of its time column's expression
     * @param withMicros whether times need their microseconds (ticks) or whole seconds suffice (bars)
     */
    protected long copyToFile(Connection connection, Function<String, String> select, StatementBinder binder,
                              Path out, ExportFormat format, boolean withMicros) throws SQLException {
        return -1;
    }

    /** Serialises concurrent schema creation by several processes, where the backend needs it. */
    protected void lockSchema(Connection connection) throws SQLException {
        // an embedded database has one process
    }

    /** Releases the backend's connections; called once by {@link #close()}. */
    protected abstract void closeConnections();

    // ---------------------------------------------------------------- life cycle

    /**
     * Creates or upgrades the tables ({@link OpenMode#CREATE}) or requires them ({@link OpenMode#EXISTING}), and loads
     * the symbol dictionary; on failure the store is closed, so that a half-opened store leaks nothing. A backend
     * calls it once, as the last step of its constructor.
     *
     * @throws IllegalArgumentException with {@link OpenMode#EXISTING}, when the database holds no sessionflow store
     * @throws StorageException         when the database cannot be used
     */
    protected final void initializeOrClose(OpenMode mode) {
        Objects.requireNonNull(mode, "mode");
        try {
            symbols.install(transactions.inTransaction("create the schema", c -> {
                SchemaManager.prepare(c, backend, description, mode == OpenMode.CREATE);
                return SymbolDictionary.load(c);
            }));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final void close() {
        closeConnections();
    }

    /** The store-management queries over this store: what it holds, per session, and exports. */
    public final Inventory inventory() {
        return inventory;
    }

    @Override
    public String toString() {
        return description;
    }

    // ---------------------------------------------------------------- MarketDataStore

    @Override
    public UpsertResult upsertBars(BarSeries series) {
        return bars.upsert(series);
    }

    @Override
    public BarSeries readBars(Symbol symbol, Interval interval, TimeRange range) {
        return bars.read(List.of(Objects.requireNonNull(symbol, "symbol")), interval, range);
    }

    @Override
    public BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        return bars.read(symbols, interval, range);
    }

    @Override
    public List<Coverage> barCoverage() {
        return coverage.of(JdbcBarRepository.TABLE, StreamType.BARS, "interval_minutes");
    }

    @Override
    public UpsertResult upsertQuoteBars(QuoteBarSeries series) {
        return quoteBars.upsert(series);
    }

    @Override
    public QuoteBarSeries readQuoteBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        return quoteBars.read(symbols, interval, range);
    }

    @Override
    public List<Coverage> quoteBarCoverage() {
        return coverage.of(JdbcQuoteBarRepository.TABLE, StreamType.QUOTE_BARS, "interval_minutes");
    }

    @Override
    public UpsertResult upsertQuotes(QuoteSeries series) {
        return quotes.upsert(series);
    }

    @Override
    public QuoteSeries readQuotes(Collection<Symbol> symbols, TimeRange range) {
        return quotes.read(symbols, range);
    }

    @Override
    public List<Coverage> quoteCoverage() {
        return coverage.of(quotes.table(), StreamType.QUOTES, null);
    }

    @Override
    public UpsertResult upsertTrades(TradeSeries series) {
        return trades.upsert(series);
    }

    @Override
    public TradeSeries readTrades(Collection<Symbol> symbols, TimeRange range) {
        return trades.read(symbols, range);
    }

    @Override
    public List<Coverage> tradeCoverage() {
        return coverage.of(trades.table(), StreamType.TRADES, null);
    }

    @Override
    public Optional<Instrument> instrument(Symbol symbol) {
        return instruments.read(symbol);
    }

    @Override
    public void recordInstruments(Collection<Instrument> recorded) {
        instruments.record(recorded);
    }

    @Override
    public void recordFactorFile(FactorFile file) {
        corporate.recordFactorFile(file);
    }

    @Override
    public void recordMapFile(MapFile file) {
        corporate.recordMapFile(file);
    }

    @Override
    public void recordCorporateActions(Collection<CorporateAction> actions) {
        corporate.recordActions(actions);
    }

    @Override
    public Optional<FactorFile> factorFile(Symbol symbol) {
        return corporate.factorFile(symbol);
    }

    @Override
    public Optional<MapFile> mapFile(Symbol symbol) {
        return corporate.mapFile(symbol);
    }

    @Override
    public List<CorporateAction> corporateActions(Symbol symbol) {
        return corporate.actions(symbol);
    }

    @Override
    public Optional<Symbol> securityTradedAs(Symbol ticker, LocalDate date) {
        return corporate.securityTradedAs(ticker, date);
    }

    /** The hooks, as the parts see them. */
    private final class Hooks implements Backend {
        @Override
        public Connection acquire() throws SQLException {
            return JdbcStore.this.acquire();
        }

        @Override
        public void release(Connection connection) {
            JdbcStore.this.release(connection);
        }

        @Override
        public void stage(Connection connection, StagedRows rows) throws SQLException {
            JdbcStore.this.stage(connection, rows);
        }

        @Override
        public void query(Connection connection, String sql, StatementBinder binder, List<ColumnType> types,
                          BatchSink sink) throws SQLException {
            JdbcStore.this.query(connection, sql, binder, types, sink);
        }

        @Override
        public String micros(String timestamp) {
            return JdbcStore.this.micros(timestamp);
        }

        @Override
        public String epochMicros(String timestamp) {
            return JdbcStore.this.epochMicros(timestamp);
        }

        @Override
        public long copyToFile(Connection connection, Function<String, String> select, StatementBinder binder,
                               Path out, ExportFormat format, boolean withMicros) throws SQLException {
            return JdbcStore.this.copyToFile(connection, select, binder, out, format, withMicros);
        }

        @Override
        public void lockSchema(Connection connection) throws SQLException {
            JdbcStore.this.lockSchema(connection);
        }
    }
}
