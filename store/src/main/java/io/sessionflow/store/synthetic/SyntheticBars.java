package io.sessionflow.store.synthetic;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Realistic synthetic 1-minute bars on the XNYS sessions of a date range: no bars on holidays, early closes
 * respected. Each symbol follows its own seeded log-normal random walk (own price level and volatility; prices in
 * cents; OHLC consistent) with an intraday U-shaped volume. Symbols are named {@code SYM001}, {@code SYM002}, ...
 * (more digits past 999); every third one from {@code SYM002} on ({@code SYM002}, {@code SYM005}, ...) is illiquid
 * and misses each minute with the gap rate, the others miss none. The same seed and symbol count give identical bars;
 * the walk starts at {@code from}, so a range starting later is a different path.
 *
 * <p>Immutable; each generation call works on its own walks, so instances may be shared between threads.
 */
public final class SyntheticBars {

    public static final int MAX_SYMBOLS = 10_000;

    private final List<SymbolProfile> profiles;
    private final double gapRate;
    private final long seed;

    private SyntheticBars(List<SymbolProfile> profiles, double gapRate, long seed) {
        this.profiles = profiles;
        this.gapRate = gapRate;
        this.seed = seed;
    }

    /**
     * A generator of {@code symbols} symbols.
     *
     * @throws IllegalArgumentException when {@code symbols} is outside 1..{@value #MAX_SYMBOLS} or the gap rate
     *                                  outside [0, 1)
     */
    public static SyntheticBars create(int symbols, double gapRate, long seed) {
        if (symbols < 1 || symbols > MAX_SYMBOLS) {
            throw new IllegalArgumentException("number of symbols must be 1.." + MAX_SYMBOLS + ", not " + symbols);
        }
        if (!(gapRate >= 0 && gapRate < 1)) {
            throw new IllegalArgumentException("gap rate must be at least 0 and below 1, not " + gapRate);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int digits = Math.max(3, String.valueOf(symbols).length());
        List<SymbolProfile> profiles = new ArrayList<>(symbols);
        for (int i = 0; i < symbols; i++) {
            boolean liquid = i % 3 != 1;
            double price = Math.exp(logUniform(random, 10, 400));
            double volatility = 0.01 + 0.025 * random.nextDouble();
            long volume = Math.round(Math.exp(liquid ? logUniform(random, 2_000, 50_000) : logUniform(random, 20, 300)));
            profiles.add(new SymbolProfile(Symbol.of(String.format("SYM%0" + digits + "d", i + 1)),
                    Math.round(price * 100) / 100.0, volatility, volume, liquid));
        }
        return new SyntheticBars(List.copyOf(profiles), gapRate, seed);
    }

    /**
     * All bars of {@code symbols} symbols over the XNYS sessions in {@code [from, to]}, ordered by session, then
     * symbol, then start.
     *
     * @throws IllegalArgumentException on bad arguments, {@code from} after {@code to}, or a range without sessions
     */
    public static BarSeries generate(int symbols, LocalDate from, LocalDate to, double gapRate, long seed) {
        SyntheticBars generator = create(symbols, gapRate, seed);
        List<TradingSession> sessions = sessions(from, to);
        BarSeries.Builder out = BarSeries.builder(Interval.ONE_MINUTE,
                symbols * sessions.stream().mapToInt(TradingSession::minutes).sum());
        List<SymbolWalk> walks = generator.walks();
        for (TradingSession s : sessions) {
            walks.forEach(w -> w.session(s, out));
        }
        return out.build();
    }

    /**
     * Generates session by session, handing each session's bars (ordered by symbol, then start) to {@code sink}, so
     * that memory holds one session at a time. Gives exactly the bars of {@link #generate}.
     *
     * @throws IllegalArgumentException on {@code from} after {@code to} or a range without sessions
     */
    public void forEachSession(LocalDate from, LocalDate to, BiConsumer<TradingSession, BarSeries> sink) {
        List<SymbolWalk> walks = walks();
        for (TradingSession s : sessions(from, to)) {
            BarSeries.Builder out = BarSeries.builder(Interval.ONE_MINUTE, profiles.size() * s.minutes());
            walks.forEach(w -> w.session(s, out));
            sink.accept(s, out.build());
        }
    }

    public List<SymbolProfile> profiles() {
        return profiles;
    }

    /**
     * The XNYS sessions with dates in {@code [from, to]}.
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}, the range has no session, or it is
     *                                  outside the calendar's years
     */
    public static List<TradingSession> sessions(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        TradingCalendar xnys = Calendars.xnys();
        List<TradingSession> sessions = xnys.sessions(from, to.plusDays(1));
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no " + xnys.name() + " session between " + from + " and " + to);
        }
        return sessions;
    }

    /** Fresh walks, one per symbol, each with its own generator split from the seed in symbol order. */
    private List<SymbolWalk> walks() {
        // a stream apart from the one that drew the profiles, so that walks do not replay the profile draws
        SplittableRandom root = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SymbolWalk> walks = new ArrayList<>(profiles.size());
        for (SymbolProfile p : profiles) {
            walks.add(new SymbolWalk(p, root.split(), gapRate));
        }
        return walks;
    }

    private static double logUniform(SplittableRandom random, double low, double high) {
        return Math.log(low) + (Math.log(high) - Math.log(low)) * random.nextDouble();
    }
}
