package io.sessionflow.corporate;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run's price normalization: the mode of each symbol and the multipliers that put a session's bars on the run's
 * basis. With a symbol's mode factor {@code F(d)} (the split factor, or price x split factor for {@code adjusted}, of
 * the factor-file row in force on {@code d}, {@link FactorFile#factorsOn}), a bar of session {@code d} becomes
 * {@code price x F(d) / F(basis)} and {@code volume x Fs(basis) / Fs(d)} ({@code Fs} the split factor alone).
 *
 * <p>The basis: for {@code split-adjusted} and {@code adjusted} it is the run's last session (a backtest's end date)
 * by default, not the factor file's latest row as in LEAN: a backtest that ends on 2014-06-09 must not know of splits
 * after it, and prices that end the run at their traded values are easier to check; {@link AdjustmentBasis#FACTOR_FILE}
 * chooses LEAN's basis instead (its factors are 1), so that prices equal LEAN's. For {@code raw} the basis is the session
 * being played: its own bars stay as traded, and the trailing history is put on its basis (a history session of
 * {@code h} is {@code raw x Fs(h) / Fs(current)}), so history stays continuous across a split without looking ahead.
 * A live run has no last session: every mode then uses the current session as its basis.
 *
 * <p>Rounding: none for prices (the exact double product of the raw price and one multiplier per symbol and session,
 * computed once as {@code F(d) / F(basis)}); a volume that is adjusted is rounded to the nearest whole share, since
 * the factor files write split factors to 7 digits (1/7 as 0.142857, whose inverse is 7.000007).
 *
 * <p>Immutable; safe to share between threads.
 */
public final class PriceAdjustment {

    /** No factors: every bar as traded. */
    public static final PriceAdjustment NONE = new PriceAdjustment(CorporateActions.NONE, Normalization.RAW,
            Map.of(), null);

    /** The basis date that stands for a factor file's latest row: after every row, so its factors are 1. */
    private static final LocalDate FACTOR_FILE_BASIS = LocalDate.MAX;

    private final CorporateActions actions;
    private final Normalization defaultMode;
    private final Map<Symbol, Normalization> modes;
    private final LocalDate runBasis;

    /**
     * @param defaultMode the mode of symbols {@code modes} does not name
     * @param runBasis    the run's last session date, {@code LocalDate.MAX} for the factor file's latest row
     *                    ({@link AdjustmentBasis#FACTOR_FILE}), or null for a live run (see the class comment)
     */
    public PriceAdjustment(CorporateActions actions, Normalization defaultMode, Map<Symbol, Normalization> modes,
                           LocalDate runBasis) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
        this.modes = Map.copyOf(modes);
        this.runBasis = runBasis;
    }

    /**
     * The same modes and factors, on the basis of a backtest whose last session is {@code lastSession}; unchanged when
     * on the factor file's basis.
     */
    public PriceAdjustment withRunBasis(LocalDate lastSession) {
        Objects.requireNonNull(lastSession, "lastSession");
        return FACTOR_FILE_BASIS.equals(runBasis) ? this
                : new PriceAdjustment(actions, defaultMode, modes, lastSession);
    }

    /** The same modes and factors, with the adjusted modes on {@code basis} (a live run has no run end). */
    public PriceAdjustment withBasis(AdjustmentBasis basis) {
        return switch (Objects.requireNonNull(basis, "basis")) {
            case FACTOR_FILE -> new PriceAdjustment(actions, defaultMode, modes, FACTOR_FILE_BASIS);
            case RUN_END -> FACTOR_FILE_BASIS.equals(runBasis)
                    ? new PriceAdjustment(actions, defaultMode, modes, null) : this;
        };
    }

    /** The mode {@code symbol} is replayed in. */
    public Normalization mode(Symbol symbol) {
        return modes.getOrDefault(symbol, defaultMode);
    }

    /** The factor file of {@code symbol}, if the run has one. */
    public Optional<FactorFile> factorFile(Symbol symbol) {
        return actions.factorFile(symbol);
    }

    /** The session whose prices are the basis for {@code symbol} while {@code current} is played. */
    public LocalDate basis(Symbol symbol, LocalDate current) {
        return mode(symbol) == Normalization.RAW || runBasis == null ? current : runBasis;
    }

    /** The multiplier of {@code symbol}'s prices of session {@code date} while {@code current} is played. */
    public double priceMultiplier(Symbol symbol, LocalDate date, LocalDate current) {
        Optional<FactorFile> f = actions.factorFile(symbol);
        if (f.isEmpty()) {
            return 1;
        }
        Normalization mode = mode(symbol);
        double at = mode.factor(f.get().factorsOn(date));
        double base = mode.factor(f.get().factorsOn(basis(symbol, current)));
        return at == base ? 1 : at / base;
    }

    /** The multiplier of {@code symbol}'s volumes of session {@code date}: the inverse of the split part. */
    public double volumeMultiplier(Symbol symbol, LocalDate date, LocalDate current) {
        Optional<FactorFile> f = actions.factorFile(symbol);
        if (f.isEmpty()) {
            return 1;
        }
        double at = f.get().factorsOn(date).split();
        double base = f.get().factorsOn(basis(symbol, current)).split();
        return at == base ? 1 : base / at;
    }

    /**
     * {@code bars} (one session's, of any symbols) on the basis of {@code current}: {@code bars} itself when no
     * symbol's multiplier differs from 1, else a new series in the same order, flags kept.
     */
    public BarSeries adjust(BarSeries bars, LocalDate date, LocalDate current) {
        int n = bars.size();
        if (n == 0) {
            return bars;
        }
        Map<Symbol, double[]> multipliers = new java.util.HashMap<>();
        boolean any = false;
        Symbol previous = null;
        for (int i = 0; i < n; i++) {
            Symbol s = bars.symbol(i);
            if (s == previous) {
                continue;  // storage returns a symbol's rows together: one look-up per run of rows, not per row
            }
            previous = s;
            if (!multipliers.containsKey(s)) {
                double[] m = {priceMultiplier(s, date, current), volumeMultiplier(s, date, current)};
                multipliers.put(s, m);
                any |= m[0] != 1 || m[1] != 1;
            }
        }
        if (!any) {
            return bars;
        }
        BarSeries.Builder b = BarSeries.builder(bars.interval(), n);
        for (int i = 0; i < n; i++) {
            double[] m = multipliers.get(bars.symbol(i));
            double p = m[0];
            double v = m[1] == 1 ? bars.volume(i) : Math.rint(bars.volume(i) * m[1]);
            double vwap = bars.vwap(i);
            b.add(bars.symbol(i), bars.startMicros(i), bars.open(i) * p, bars.high(i) * p, bars.low(i) * p,
                    bars.close(i) * p, v, bars.tradeCount(i), Double.isNaN(vwap) ? vwap : vwap * p, bars.flags(i));
        }
        return b.build();
    }

    /**
     * Whether the history {@code symbol} holds (sessions {@code held}) must be replaced, read again on the basis of
     * {@code current}: when that basis moves with the session played (raw mode, or a live run) and a held session's
     * factor differs from the current one's, i.e. a split (or dividend) took effect since. The answer stays yes for as
     * many sessions as the history keeps after the action: simple and always right, at one extra read per session.
     */
    public boolean replacesHistory(Symbol symbol, Collection<LocalDate> held, LocalDate current) {
        Optional<FactorFile> f = actions.factorFile(symbol);
        if (f.isEmpty() || held.isEmpty() || !basis(symbol, current).equals(current)) {
            return false;
        }
        Normalization mode = mode(symbol);
        double now = mode.factor(f.get().factorsOn(current));
        for (LocalDate h : held) {
            if (mode.factor(f.get().factorsOn(h)) != now) {
                return true;
            }
        }
        return false;
    }
}
