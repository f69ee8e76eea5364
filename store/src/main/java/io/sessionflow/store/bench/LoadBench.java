package io.sessionflow.store.bench;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.StreamType;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.store.Stores;
import io.sessionflow.upkeep.DropFilter;
import io.sessionflow.upkeep.SessionLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The load stage of the benchmarks: a DuckDB file holding {@code symbols} x {@code sessions} full sessions of 1m bars,
 * read back for the first {@code n} sessions either through the store (DuckDB's Arrow export) or through a plain
 * JDBC {@code ResultSet}, row by row, the way a straightforward implementation would. The plain path exists only as
 * the benchmark's comparison; the product never uses it. Shared by the {@code sessionflow bench} command and the JMH
 * benchmarks.
 *
 * <p>Not thread-safe: one benchmarking thread.
 */
public final class LoadBench implements AutoCloseable {

    /** Sessions are regular 390-minute NYSE sessions from this date on. */
    private static final LocalDate FIRST_DATE = LocalDate.of(2024, 2, 1);

    /** The most symbols bench data holds. */
    public static final int MAX_SYMBOLS = 10_000;
    /** The most sessions bench data holds. */
    public static final int MAX_SESSIONS = 250;

    private final Path file;
    private final MarketDataStore store;
    private final List<Symbol> symbols;
    private final List<TradingSession> sessions;
    private final Connection plain;

    private LoadBench(Path file, MarketDataStore store, List<Symbol> symbols, List<TradingSession> sessions,
                      Connection plain) {
        this.file = file;
        this.store = store;
        this.symbols = symbols;
        this.sessions = sessions;
        this.plain = plain;
    }

    /** Whether bench data of {@code symbolCount} symbols x {@code sessionCount} sessions can be generated. */
    public static boolean fits(int symbolCount, int sessionCount) {
        return symbolCount >= 1 && symbolCount <= MAX_SYMBOLS && sessionCount >= 1 && sessionCount <= MAX_SESSIONS;
    }

    /**
     * Opens the DuckDB file {@code file} holding the benchmark data, generating it first when the file is missing:
     * one write per session, as an import would, with a seeded random walk per symbol (so the data is the same
     * every time).
     *
     * @throws IllegalArgumentException when the sizes are out of range or the file holds other data
     */
    public static LoadBench open(Path file, int symbolCount, int sessionCount) {
        if (!fits(symbolCount, sessionCount)) {
            throw new IllegalArgumentException("bench data of " + symbolCount + " symbols x " + sessionCount
                    + " sessions is outside 1.." + MAX_SYMBOLS + " x 1.." + MAX_SESSIONS);
        }
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < symbolCount; i++) {
            symbols.add(Symbol.of(String.format("S%04d", i)));
        }
        List<TradingSession> sessions = Calendars.xnys().sessions(FIRST_DATE, FIRST_DATE.plusYears(1)).stream()
                .filter(s -> s.minutes() == 390).limit(sessionCount).toList();
        boolean generate = !Files.exists(file);
        MarketDataStore store = Stores.open(file.toString());
        try {
            if (generate) {
                SplittableRandom random = new SplittableRandom(42);
                double[] price = new double[symbolCount];
                java.util.Arrays.fill(price, 100);
                for (TradingSession session : sessions) {
                    store.upsertBars(sessionBars(symbols, session, price, random));
                }
            } else {
                requireSameData(file, store, symbols, sessions);
            }
            Connection plain = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath().normalize());
            return new LoadBench(file, store, symbols, sessions, plain);
        } catch (SQLException e) {
            store.close();
            throw new StorageException("cannot open " + file + " for the plain JDBC path: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void requireSameData(Path file, MarketDataStore store, List<Symbol> symbols,
                                        List<TradingSession> sessions) {
        List<Coverage> expected = symbols.stream().map(s -> new Coverage(s, StreamType.BARS, 1,
                sessions.get(0).open(), sessions.get(sessions.size() - 1).close().minusSeconds(60),
                390L * sessions.size())).toList();
        if (!store.barCoverage().equals(expected)) {
            throw new IllegalArgumentException(file + " does not hold the bench data of " + symbols.size()
                    + " symbols x " + sessions.size() + " sessions: give a new file");
        }
    }

    private static BarSeries sessionBars(List<Symbol> symbols, TradingSession session, double[] price,
                                         SplittableRandom random) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, symbols.size() * 390);
        long open = Micros.of(session.open());
        for (int s = 0; s < symbols.size(); s++) {
            for (int m = 0; m < 390; m++) {
                // Prices in whole cents and VWAP to a hundredth of a cent, as a feed delivers them.
                double o = price[s];
                double c = cents(Math.max(1, o + random.nextDouble(-0.05, 0.05)));
                double h = cents(Math.max(o, c) + random.nextDouble(0, 0.03));
                double l = cents(Math.min(o, c) - random.nextDouble(0, 0.03));
                long volume = random.nextLong(100, 10_000);
                double vwap = Math.round((o + h + l + c) * 2_500) / 10_000.0;
                b.add(symbols.get(s), open + m * Micros.PER_MINUTE, o, h, l, c, volume, volume / 50 + 1, vwap, 0);
                price[s] = c;
            }
        }
        return b.build();
    }

    private static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }

    public Path file() {
        return file;
    }

    /** The symbols of the data, in order. */
    public List<Symbol> symbols() {
        return symbols;
    }

    /** The sessions of the data, in order: consecutive regular sessions. */
    public List<TradingSession> sessions() {
        return sessions;
    }

    /** The store holding the data, for benchmarks that replay it. */
    public MarketDataStore store() {
        return store;
    }

    public int symbolCount() {
        return symbols.size();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** The bars of the first {@code n} sessions through the store: DuckDB's Arrow export. */
    public BarSeries readArrow(int n) {
        return store.readBars(symbols, Interval.ONE_MINUTE, range(n));
    }

    /**
     * The first {@code n} sessions as the upkeep thread prepares them for the coordinator ({@link SessionLoader}):
     * read through the Arrow export, put in delivery order, the completeness checks evaluated, made a batch.
     *
     * @return the 1m bars of the splits
     */
    public long prepareSplits(int n) {
        range(n);  // checks n
        SessionLoader loader = new SessionLoader(store, SessionConfig.builder().build(), Calendars.xnys(),
                DropFilter.NONE, true);
        long bars = 0;
        for (TradingSession s : sessions.subList(0, n)) {
            bars += loader.load(new SessionRequest(s, symbols, List.of(), List.of(), Map.of())).bars().size();
        }
        return bars;
    }

    /**
     * The same bars through a plain JDBC {@code ResultSet}: symbol names joined in, {@code ORDER BY} in SQL, one
     * {@code getXxx} call per value and a row-by-row builder.
     */
    public BarSeries readPlainJdbc(int n) {
        TimeRange range = range(n);
        String sql = "SELECT s.symbol, b.start, b.open, b.high, b.low, b.close, b.volume, b.trade_count, b.vwap"
                + " FROM bars b JOIN symbols s ON s.id = b.symbol_id"
                + " WHERE b.interval_minutes = 1 AND b.start >= ? AND b.start < ? ORDER BY s.symbol, b.start";
        Map<String, Symbol> bySymbol = new HashMap<>();
        symbols.forEach(s -> bySymbol.put(s.value(), s));
        BarSeries.Builder out = BarSeries.builder(Interval.ONE_MINUTE, symbols.size() * 390 * n);
        try (PreparedStatement ps = plain.prepareStatement(sql)) {
            ps.setObject(1, LocalDateTime.ofInstant(range.start(), ZoneOffset.UTC));
            ps.setObject(2, LocalDateTime.ofInstant(range.end(), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime start = rs.getObject(2, LocalDateTime.class);
                    long micros = start.toEpochSecond(ZoneOffset.UTC) * Micros.PER_SECOND + start.getNano() / 1_000;
                    long trades = rs.getLong(8);
                    trades = rs.wasNull() ? Bar.NO_TRADE_COUNT : trades;
                    double vwap = rs.getDouble(9);
                    vwap = rs.wasNull() ? Double.NaN : vwap;
                    out.add(bySymbol.get(rs.getString(1)), micros, rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getLong(7), trades, vwap, 0);
                }
            }
        } catch (SQLException e) {
            throw new StorageException("plain JDBC read of " + file + " failed: " + e.getMessage(), e);
        }
        return out.build();
    }

    /** From the first session's open to the {@code n}th session's close. */
    private TimeRange range(int n) {
        if (n < 1 || n > sessions.size()) {
            throw new IllegalArgumentException(n + " sessions asked, " + sessions.size() + " generated");
        }
        return TimeRange.of(sessions.get(0).open(), sessions.get(n - 1).close());
    }

    @Override
    public void close() {
        try {
            plain.close();
        } catch (SQLException e) {
            // closing the comparison connection: the store below is what matters
        }
        store.close();
    }
}
