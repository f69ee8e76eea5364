package io.sessionflow.store.jdbc;

import static io.sessionflow.store.jdbc.ColumnType.BIGINT;
import static io.sessionflow.store.jdbc.ColumnType.DOUBLE;
import static io.sessionflow.store.jdbc.ColumnType.INT;
import static io.sessionflow.store.jdbc.ColumnType.OPTIONAL_BIGINT;
import static io.sessionflow.store.jdbc.ColumnType.OPTIONAL_DOUBLE;
import static io.sessionflow.store.jdbc.ColumnType.TIMESTAMP;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.storage.UpsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The behaviour both SQL backends share: schema, symbol dictionary, upserts with counts, grouped columnar reads,
 * gap bit sets and coverage, all from one set of SQL statements that DuckDB and PostgreSQL both accept. A backend
 * supplies connections, bulk staging (DuckDB's appender, PostgreSQL's COPY) and bulk query results (DuckDB's Arrow
 * export, a PostgreSQL cursor) through the hooks below.
 *
 * <p>Schema: {@code symbols(id, symbol)} maps each ticker to a small integer once; {@code bars}, {@code quotes} and
 * {@code trades} hold {@code symbol_id}, which makes the bulk read move four bytes per row for the symbol instead of
 * a string and compare integers instead of strings. Times are {@code TIMESTAMP} columns holding UTC, exact to the
 * microsecond.
 *
 * <p>A write stages the rows in a temporary table (in key order), counts new and changed rows against the table,
 * updates the changed ones in place and appends the new ones in key order, all in one transaction. Reads select
 * without {@code ORDER BY} and let {@link ColumnGrouper} order the rows, which the append order makes cheap.
 *
 * <p>Thread-safe: every call borrows a connection of its own from the backend, so reads run in parallel; writes
 * through one store are serialised by a lock, which avoids write-write conflicts between its own callers. Two
 * processes that insert the same new keys at the same moment (PostgreSQL) conflict on the primary key: the later
 * write fails with a {@link StorageException} and changes nothing, and may simply be retried.
 */
public abstract class JdbcStore implements MarketDataStore {

    static final Table BARS = Table.of("bars",
            List.of(new Column("symbol_id", INT), new Column("interval_minutes", INT), new Column("start", TIMESTAMP)),
            new Column("open", DOUBLE), new Column("high", DOUBLE), new Column("low", DOUBLE),
            new Column("close", DOUBLE), new Column("volume", BIGINT), new Column("trade_count", OPTIONAL_BIGINT),
            new Column("vwap", OPTIONAL_DOUBLE));
    static final Table QUOTES = Table.of("quotes",
            List.of(new Column("symbol_id", INT), new Column("time", TIMESTAMP), new Column("seq", INT)),
            new Column("bid", DOUBLE), new Column("ask", DOUBLE), new Column("bid_size", BIGINT),
            new Column("ask_size", BIGINT));
    static final Table TRADES = Table.of("trades",
            List.of(new Column("symbol_id", INT), new Column("time", TIMESTAMP), new Column("seq", INT)),
            new Column("price", DOUBLE), new Column("size", BIGINT));

    /** Version of the tables below; a store refuses a database written with another layout. */
    static final int SCHEMA_VERSION = 1;

    /** Instants a store accepts: years 1 to 9999, inside every backend's TIMESTAMP range. */
    static final Instant FIRST_STORABLE = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant END_STORABLE = Instant.parse("+10000-01-01T00:00:00Z");

    /** Above this many symbols a read filters on the id range only and drops the others in Java. */
    private static final int MAX_IN_LIST = 1_000;

    private static final List<ColumnType> COVERAGE_TYPES = List.of(INT, INT, TIMESTAMP, TIMESTAMP, BIGINT);

    private final String description;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object dictionaryLock = new Object();
    private volatile Dictionary dictionary = new Dictionary(Map.of(), new Symbol[0]);

    protected JdbcStore(String description) {
        this.description = Objects.requireNonNull(description, "description");
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

    /** Serialises concurrent schema creation by several processes, where the backend needs it. */
    protected void lockSchema(Connection connection) throws SQLException {
        // an embedded database has one process
    }

    /** Releases the backend's connections; called once by {@link #close()}. */
    protected abstract void closeConnections();

    // ---------------------------------------------------------------- life cycle

    /** {@link #initialize()}, closing the store when it fails, so that a half-opened store leaks nothing. */
    protected final void initializeOrClose() {
        try {
            initialize();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Creates the tables when missing and loads the symbol dictionary; the backend's factory calls it once.
     *
     * @throws StorageException when the database cannot be used
     */
    protected final void initialize() {
        Dictionary loaded = inTransaction("create the schema", c -> {
            lockSchema(c);
            execute(c, "CREATE TABLE IF NOT EXISTS sessionflow_schema (version INTEGER NOT NULL)");
            Integer version = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT max(version) FROM sessionflow_schema");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    int v = rs.getInt(1);
                    version = rs.wasNull() ? null : v;
                }
            }
            if (version == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessionflow_schema VALUES (?)")) {
                    ps.setInt(1, SCHEMA_VERSION);
                    ps.executeUpdate();
                }
            } else if (version != SCHEMA_VERSION) {
                throw new StorageException(description + " has schema version " + version + ", this sessionflow reads "
                        + SCHEMA_VERSION);
            }
            execute(c, "CREATE SEQUENCE IF NOT EXISTS symbol_id_seq");
            execute(c, "CREATE TABLE IF NOT EXISTS symbols (id INTEGER PRIMARY KEY DEFAULT nextval('symbol_id_seq'), "
                    + "symbol VARCHAR(" + Symbol.MAX_LENGTH + ") NOT NULL UNIQUE)");
            for (Table t : List.of(BARS, QUOTES, TRADES)) {
                execute(c, t.createSql());
            }
            return loadDictionary(c);
        });
        dictionary = loaded;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final void close() {
        closeConnections();
    }

    @Override
    public String toString() {
        return description;
    }

    // ---------------------------------------------------------------- bars

    @Override
    public UpsertResult upsertBars(BarSeries bars) {
        Objects.requireNonNull(bars, "bars");
        if (bars.isEmpty()) {
            return UpsertResult.NONE;
        }
        KeyOrder order = keyOrder(bars);
        order.requireUniqueKeys("bar");
        int[] ids = registerSymbols(order.symbols);
        int minutes = bars.interval().minutes();
        return write(new SeriesRows(BARS, order, ids) {
            @Override
            long value(int row, int column) {
                return switch (column) {
                    case 1 -> minutes;
                    case 7 -> bars.volume(row);
                    case 8 -> bars.tradeCount(row);
                    default -> throw new IllegalArgumentException("bars column " + column + " is not integral");
                };
            }

            @Override
            public double doubleAt(int position, int column) {
                int row = order.rows[position];
                return switch (column) {
                    case 3 -> bars.open(row);
                    case 4 -> bars.high(row);
                    case 5 -> bars.low(row);
                    case 6 -> bars.close(row);
                    case 9 -> bars.vwap(row);
                    default -> throw new IllegalArgumentException("bars column " + column + " is not a double");
                };
            }
        });
    }

    @Override
    public BarSeries readBars(Symbol symbol, Interval interval, TimeRange range) {
        return readBars(List.of(Objects.requireNonNull(symbol, "symbol")), interval, range);
    }

    @Override
    public BarSeries readBars(Collection<Symbol> symbols, Interval interval, TimeRange range) {
        Objects.requireNonNull(interval, "interval");
        SymbolFilter filter = symbolFilter(symbols);
        TimeRange r = storable(Objects.requireNonNull(range, "range"));
        if (filter.isEmpty() || r.isEmpty()) {
            return BarSeries.empty(interval);
        }
        List<ColumnType> types = List.of(INT, TIMESTAMP, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BIGINT, OPTIONAL_BIGINT,
                OPTIONAL_DOUBLE);
        String sql = "SELECT symbol_id, " + micros("start") + ", open, high, low, close, volume, trade_count, vwap"
                + " FROM bars WHERE interval_minutes = ? AND start >= ? AND start < ? AND " + filter.sql();
        ColumnGrouper.Grouped g = readGrouped("read bars", sql, ps -> {
            ps.setInt(1, interval.minutes());
            bindRange(ps, 2, r);
            filter.bind(ps, 4);
        }, types, filter, false);
        return BarSeries.ofColumns(interval, filter.symbols, g.symbolIndex(), g.time(), g.doubles(0), g.doubles(1),
                g.doubles(2), g.doubles(3), g.longs(4), g.longs(5), g.doubles(6));
    }

    @Override
    public Map<Symbol, BitSet> presentMinutes(Collection<Symbol> symbols, TimeRange range) {
        SymbolFilter filter = symbolFilter(symbols);
        Objects.requireNonNull(range, "range");
        Map<Symbol, BitSet> out = new LinkedHashMap<>();
        symbols.forEach(s -> out.put(s, new BitSet()));
        TimeRange r = storable(range);
        if (filter.isEmpty() || r.isEmpty()) {
            return out;
        }
        BitSet[] bits = Arrays.stream(filter.symbols).map(out::get).toArray(BitSet[]::new);
        long from = range.startMicros();
        String sql = "SELECT symbol_id, " + micros("start") + " FROM bars WHERE interval_minutes = 1"
                + " AND start >= ? AND start < ? AND " + filter.sql();
        inTransaction("read present minutes", c -> {
            query(c, sql, ps -> {
                bindRange(ps, 1, r);
                filter.bind(ps, 3);
            }, List.of(INT, TIMESTAMP), batch -> {
                try (batch) {
                    int m = batch.rows();
                    int[] ids = new int[m];
                    long[] times = new long[m];
                    batch.copyInts(0, 0, m, ids, 0);
                    batch.copyLongs(1, 0, m, times, 0);
                    for (int i = 0; i < m; i++) {
                        int rank = filter.rankOf(ids[i]);
                        if (rank >= 0) {
                            bits[rank].set((int) ((times[i] - from) / Micros.PER_MINUTE));
                        }
                    }
                }
            });
            return null;
        });
        return out;
    }

    @Override
    public List<Coverage> barCoverage() {
        return coverage(StreamType.BARS, "SELECT symbol_id, interval_minutes, " + micros("min(start)") + ", "
                + micros("max(start)") + ", count(*) FROM bars GROUP BY symbol_id, interval_minutes");
    }

    // ---------------------------------------------------------------- quotes and trades

    @Override
    public UpsertResult upsertQuotes(QuoteSeries quotes) {
        Objects.requireNonNull(quotes, "quotes");
        if (quotes.isEmpty()) {
            return UpsertResult.NONE;
        }
        KeyOrder order = keyOrder(quotes);
        int[] seq = order.sequences();
        int[] ids = registerSymbols(order.symbols);
        return write(new SeriesRows(QUOTES, order, ids) {
            @Override
            long value(int row, int column) {
                return switch (column) {
                    case 5 -> quotes.bidSize(row);
                    case 6 -> quotes.askSize(row);
                    default -> throw new IllegalArgumentException("quotes column " + column + " is not integral");
                };
            }

            @Override
            long sequence(int position) {
                return seq[position];
            }

            @Override
            public double doubleAt(int position, int column) {
                int row = order.rows[position];
                return column == 3 ? quotes.bid(row) : quotes.ask(row);
            }
        });
    }

    @Override
    public QuoteSeries readQuotes(Collection<Symbol> symbols, TimeRange range) {
        List<ColumnType> types = List.of(INT, TIMESTAMP, INT, DOUBLE, DOUBLE, BIGINT, BIGINT);
        ColumnGrouper.Grouped g = readTicks(QUOTES, "bid, ask, bid_size, ask_size", types, symbols, range);
        if (g == null) {
            return QuoteSeries.empty();
        }
        Symbol[] requested = sortedDistinct(symbols);
        QuoteSeries.Builder out = QuoteSeries.builder(g.size());
        double[] bid = g.doubles(0);
        double[] ask = g.doubles(1);
        long[] bidSize = g.longs(2);
        long[] askSize = g.longs(3);
        for (int i = 0; i < g.size(); i++) {
            out.add(requested[g.symbolIndex()[i]], g.time()[i], bid[i], ask[i], bidSize[i], askSize[i]);
        }
        return out.build();
    }

    @Override
    public List<Coverage> quoteCoverage() {
        return coverage(StreamType.QUOTES, tickCoverageSql(QUOTES));
    }

    @Override
    public UpsertResult upsertTrades(TradeSeries trades) {
        Objects.requireNonNull(trades, "trades");
        if (trades.isEmpty()) {
            return UpsertResult.NONE;
        }
        KeyOrder order = keyOrder(trades);
        int[] seq = order.sequences();
        int[] ids = registerSymbols(order.symbols);
        return write(new SeriesRows(TRADES, order, ids) {
            @Override
            long value(int row, int column) {
                if (column != 4) {
                    throw new IllegalArgumentException("trades column " + column + " is not integral");
                }
                return trades.tradeSize(row);
            }

            @Override
            long sequence(int position) {
                return seq[position];
            }

            @Override
            public double doubleAt(int position, int column) {
                return trades.price(order.rows[position]);
            }
        });
    }

    @Override
    public TradeSeries readTrades(Collection<Symbol> symbols, TimeRange range) {
        List<ColumnType> types = List.of(INT, TIMESTAMP, INT, DOUBLE, BIGINT);
        ColumnGrouper.Grouped g = readTicks(TRADES, "price, size", types, symbols, range);
        if (g == null) {
            return TradeSeries.empty();
        }
        Symbol[] requested = sortedDistinct(symbols);
        TradeSeries.Builder out = TradeSeries.builder(g.size());
        double[] price = g.doubles(0);
        long[] size = g.longs(1);
        for (int i = 0; i < g.size(); i++) {
            out.add(requested[g.symbolIndex()[i]], g.time()[i], price[i], size[i]);
        }
        return out.build();
    }

    @Override
    public List<Coverage> tradeCoverage() {
        return coverage(StreamType.TRADES, tickCoverageSql(TRADES));
    }

    /** Grouped tick columns of {@code symbols} in {@code range}, or null when nothing can match. */
    private ColumnGrouper.Grouped readTicks(Table table, String valueColumns, List<ColumnType> types,
                                            Collection<Symbol> symbols, TimeRange range) {
        SymbolFilter filter = symbolFilter(symbols);
        TimeRange r = storable(Objects.requireNonNull(range, "range"));
        if (filter.isEmpty() || r.isEmpty()) {
            return null;
        }
        String sql = "SELECT symbol_id, " + micros("time") + ", seq, " + valueColumns + " FROM " + table.name()
                + " WHERE time >= ? AND time < ? AND " + filter.sql();
        return readGrouped("read " + table.name(), sql, ps -> {
            bindRange(ps, 1, r);
            filter.bind(ps, 3);
        }, types, filter, true);
    }

    private String tickCoverageSql(Table table) {
        return "SELECT symbol_id, 0, " + micros("min(time)") + ", " + micros("max(time)") + ", count(*) FROM "
                + table.name() + " GROUP BY symbol_id";
    }

    // ---------------------------------------------------------------- shared read and write paths

    private ColumnGrouper.Grouped readGrouped(String what, String sql, StatementBinder binder,
                                              List<ColumnType> types, SymbolFilter filter, boolean sequenced) {
        return inTransaction(what, c -> {
            try (ColumnGrouper grouper = new ColumnGrouper(filter.rankById, filter.symbols.length, sequenced, types)) {
                query(c, sql, binder, types, grouper);
                return grouper.finish();
            }
        });
    }

    private List<Coverage> coverage(StreamType type, String sql) {
        List<long[]> rows = inTransaction("read " + type.name().toLowerCase(java.util.Locale.ROOT) + " coverage",
                c -> {
                    List<long[]> out = new ArrayList<>();
                    query(c, sql, StatementBinder.NONE, COVERAGE_TYPES, batch -> {
                        try (batch) {
                            int m = batch.rows();
                            int[] ids = new int[m];
                            int[] intervals = new int[m];
                            long[] first = new long[m];
                            long[] last = new long[m];
                            long[] count = new long[m];
                            batch.copyInts(0, 0, m, ids, 0);
                            batch.copyInts(1, 0, m, intervals, 0);
                            batch.copyLongs(2, 0, m, first, 0);
                            batch.copyLongs(3, 0, m, last, 0);
                            batch.copyLongs(4, 0, m, count, 0);
                            for (int i = 0; i < m; i++) {
                                out.add(new long[] {ids[i], intervals[i], first[i], last[i], count[i]});
                            }
                        }
                    });
                    return out;
                });
        List<Coverage> out = new ArrayList<>(rows.size());
        for (long[] row : rows) {
            out.add(new Coverage(symbolOfId((int) row[0]), type, (int) row[1], Micros.toInstant(row[2]),
                    Micros.toInstant(row[3]), row[4]));
        }
        out.sort(Comparator.comparing(Coverage::symbol).thenComparingInt(Coverage::intervalMinutes));
        return out;
    }

    private UpsertResult write(SeriesRows rows) {
        Table table = rows.table();
        writeLock.lock();
        try {
            return inTransaction("write " + rows.size() + " " + table.name(), c -> {
                execute(c, table.createStageSql());
                stage(c, rows);
                long inserted;
                long updated;
                try (PreparedStatement ps = c.prepareStatement(table.compareSql()); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inserted = rs.getLong(1);
                    updated = rs.getLong(2);
                }
                if (updated > 0) {
                    execute(c, table.updateSql());
                }
                if (inserted > 0) {
                    execute(c, table.insertSql());
                }
                execute(c, table.dropStageSql());
                return new UpsertResult(inserted, updated, rows.size() - inserted - updated);
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** The written rows of a series in key order: symbol id, the key's time and sequence, then values. */
    private abstract static class SeriesRows implements StagedRows {
        private static final int SYMBOL = 0;
        private static final int TIME = 1;
        private static final int SEQUENCE = 2;
        private static final int VALUE = 3;

        final KeyOrder order;
        private final Table table;
        private final int[] ids;
        private final int[] role;

        SeriesRows(Table table, KeyOrder order, int[] ids) {
            this.table = table;
            this.order = order;
            this.ids = ids;
            List<Column> columns = table.columns();
            role = new int[columns.size()];
            for (int c = 0; c < role.length; c++) {
                Column column = columns.get(c);
                role[c] = c == 0 ? SYMBOL : column.type() == TIMESTAMP ? TIME
                        : column.name().equals("seq") ? SEQUENCE : VALUE;
            }
        }

        /** An integral value column (or the bar interval) of series row {@code row}. */
        abstract long value(int row, int column);

        /** The sequence among equal timestamps; bars have none. */
        long sequence(int position) {
            throw new IllegalStateException(table.name() + " have no sequence");
        }

        @Override
        public Table table() {
            return table;
        }

        @Override
        public int size() {
            return order.size();
        }

        @Override
        public long longAt(int position, int column) {
            return switch (role[column]) {
                case SYMBOL -> ids[order.symbolAt[position]];
                case TIME -> order.timeAt(position);
                case SEQUENCE -> sequence(position);
                default -> value(order.rows[position], column);
            };
        }
    }

    // ---------------------------------------------------------------- symbols

    /** The symbol dictionary as last loaded: immutable, replaced whole. */
    private record Dictionary(Map<Symbol, Integer> ids, Symbol[] byId) {
    }

    /**
     * Which symbol ids a read asks for. The SQL filters on the id range, plus an IN list when the requested ids are
     * sparse in it; {@link #rankOf} drops the rest exactly. A dense range scans faster than a long IN list.
     */
    private static final class SymbolFilter {
        final Symbol[] symbols;
        final int[] rankById;
        private final int[] ids;

        SymbolFilter(Symbol[] symbols, int[] rankById, int[] ids) {
            this.symbols = symbols;
            this.rankById = rankById;
            this.ids = ids;
        }

        boolean isEmpty() {
            return ids.length == 0;
        }

        int rankOf(int id) {
            return id >= 0 && id < rankById.length ? rankById[id] : -1;
        }

        private boolean sparse() {
            long span = (long) ids[ids.length - 1] - ids[0] + 1;
            return ids.length <= MAX_IN_LIST && span > 2L * ids.length;
        }

        String sql() {
            String range = "symbol_id BETWEEN ? AND ?";
            return !sparse() ? range : range + " AND symbol_id IN ("
                    + Arrays.stream(ids).mapToObj(i -> "?").collect(Collectors.joining(", ")) + ")";
        }

        void bind(PreparedStatement ps, int first) throws SQLException {
            ps.setInt(first, ids[0]);
            ps.setInt(first + 1, ids[ids.length - 1]);
            if (sparse()) {
                for (int i = 0; i < ids.length; i++) {
                    ps.setInt(first + 2 + i, ids[i]);
                }
            }
        }
    }

    private SymbolFilter symbolFilter(Collection<Symbol> symbols) {
        Symbol[] requested = sortedDistinct(symbols);
        Dictionary d = dictionary;
        if (!Arrays.stream(requested).allMatch(d.ids()::containsKey)) {
            d = reloadDictionary();
        }
        int[] rankById = new int[d.byId().length];
        Arrays.fill(rankById, -1);
        List<Integer> ids = new ArrayList<>();
        for (int rank = 0; rank < requested.length; rank++) {
            Integer id = d.ids().get(requested[rank]);
            if (id != null) {
                rankById[id] = rank;
                ids.add(id);
            }
        }
        return new SymbolFilter(requested, rankById, ids.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /** Ids of {@code sorted}, registering the new ones in their own committed transaction. */
    private int[] registerSymbols(Symbol[] sorted) {
        Dictionary d = dictionary;
        if (!Arrays.stream(sorted).allMatch(d.ids()::containsKey)) {
            synchronized (dictionaryLock) {
                Dictionary known = dictionary;
                // Registered apart from the data so that a failed write never leaves cached ids the database lacks;
                // in name order, so ids usually sort like names.
                dictionary = inTransaction("register symbols", c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO symbols (symbol) VALUES (?) ON CONFLICT (symbol) DO NOTHING")) {
                        for (Symbol s : sorted) {
                            if (!known.ids().containsKey(s)) {
                                ps.setString(1, s.value());
                                ps.addBatch();
                            }
                        }
                        ps.executeBatch();
                    }
                    return loadDictionary(c);
                });
                d = dictionary;
            }
        }
        int[] ids = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            ids[i] = d.ids().get(sorted[i]);
        }
        return ids;
    }

    private Symbol symbolOfId(int id) {
        Dictionary d = dictionary;
        if (id >= d.byId().length || d.byId()[id] == null) {
            d = reloadDictionary();
        }
        if (id >= d.byId().length || d.byId()[id] == null) {
            throw new StorageException(description + ": symbol id " + id + " is not in the symbols table");
        }
        return d.byId()[id];
    }

    private Dictionary reloadDictionary() {
        synchronized (dictionaryLock) {
            dictionary = inTransaction("read the symbols table", this::loadDictionary);
            return dictionary;
        }
    }

    private Dictionary loadDictionary(Connection c) throws SQLException {
        Map<Symbol, Integer> ids = new HashMap<>();
        int max = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, symbol FROM symbols");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int id = rs.getInt(1);
                ids.put(Symbol.of(rs.getString(2)), id);
                max = Math.max(max, id);
            }
        }
        Symbol[] byId = new Symbol[max + 1];
        ids.forEach((s, id) -> byId[id] = s);
        return new Dictionary(Map.copyOf(ids), byId);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The symbols sorted and without repeats.
     *
     * @throws IllegalArgumentException when the collection holds null
     */
    private static Symbol[] sortedDistinct(Collection<Symbol> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        if (symbols.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("symbols must not contain null: " + symbols);
        }
        return new TreeSet<>(symbols).toArray(new Symbol[0]);
    }

    /**
     * The key order of a series to write, after checking that its times are storable.
     *
     * @throws IllegalArgumentException naming the first row outside years 1 to 9999
     */
    private static KeyOrder keyOrder(ColumnSeries<?, ?> series) {
        long first = Micros.of(FIRST_STORABLE);
        long end = Micros.of(END_STORABLE);
        for (int i = 0; i < series.size(); i++) {
            long t = series.timeMicros(i);
            if (t < first || t >= end) {
                throw new IllegalArgumentException(series.symbol(i) + " " + Micros.toInstant(t)
                        + " is outside the storable years 1 to 9999");
            }
        }
        return KeyOrder.of(series);
    }

    /** {@code range} cut to the storable years, so that any range can be read. */
    private static TimeRange storable(TimeRange range) {
        Instant start = range.start().isBefore(FIRST_STORABLE) ? FIRST_STORABLE
                : range.start().isAfter(END_STORABLE) ? END_STORABLE : range.start();
        Instant end = range.end().isAfter(END_STORABLE) ? END_STORABLE
                : range.end().isBefore(start) ? start : range.end();
        return new TimeRange(start, end);
    }

    private static void bindRange(PreparedStatement ps, int first, TimeRange range) throws SQLException {
        ps.setObject(first, timestamp(range.startMicros()));
        ps.setObject(first + 1, timestamp(range.endMicros()));
    }

    /** A UTC TIMESTAMP parameter, exact to the microsecond. */
    private static LocalDateTime timestamp(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, Micros.PER_SECOND),
                (int) Math.floorMod(micros, Micros.PER_SECOND) * 1_000, ZoneOffset.UTC);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    /** Work on one connection inside one transaction. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        Connection c;
        try {
            c = acquire();
        } catch (SQLException e) {
            throw failure(what, e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw failure(what, e);
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            release(c);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A one-line storage failure naming the store and the operation. */
    protected final StorageException failure(String what, SQLException e) {
        return new StorageException(description + ": cannot " + what + ": " + firstLine(e.getMessage()), e);
    }

    /** The first line of a driver message: DuckDB's and PostgreSQL's carry SQL context on later lines. */
    protected static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
