package io.sessionflow.store.synthetic;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Micros;
import java.util.SplittableRandom;

/**
 * The price path of one synthetic symbol: a log-normal random walk with its own seeded generator, advanced minute by
 * minute through each session, with an overnight gap between sessions. Minutes an illiquid symbol misses still move
 * the walk, so the next bar opens where the price has drifted to.
 *
 * <p>Not thread-safe: one walk is advanced by one thread, session after session.
 */
final class SymbolWalk {

    /** Regular-session minutes the daily volatility is spread over. */
    private static final double SESSION_MINUTES = 390;
    /** The walk is floored here so that prices rounded to cents stay meaningful. */
    private static final double FLOOR = 1.0;

    private final SymbolProfile profile;
    private final SplittableRandom random;
    private final double gapRate;
    private double price;
    private boolean started;

    SymbolWalk(SymbolProfile profile, SplittableRandom random, double gapRate) {
        this.profile = profile;
        this.random = random;
        this.gapRate = profile.liquid() ? 0 : gapRate;
        this.price = profile.startPrice();
    }

    /** Appends this symbol's bars of {@code session} to {@code out}, in start order. */
    void session(TradingSession session, BarSeries.Builder out) {
        double minuteSigma = profile.dailyVolatility() / Math.sqrt(SESSION_MINUTES);
        if (started) {
            price = Math.max(FLOOR, price * Math.exp(3 * minuteSigma * random.nextGaussian()));  // overnight gap
        }
        started = true;
        int minutes = session.minutes();
        long open = Micros.of(session.open());
        for (int i = 0; i < minutes; i++) {
            double activity = activity(i, minutes);
            // busier minutes move more: variance proportional to activity, so a session's variance stays ~daily
            double sigma = minuteSigma * Math.sqrt(activity);
            double o = price;
            double c = Math.max(FLOOR, o * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2));
            double h = Math.max(o, c) * Math.exp(0.5 * sigma * Math.abs(random.nextGaussian()));
            double l = Math.min(o, c) * Math.exp(-0.5 * sigma * Math.abs(random.nextGaussian()));
            double noise = Math.exp(0.4 * random.nextGaussian() - 0.08);  // log-normal with mean 1
            boolean missing = gapRate > 0 && random.nextDouble() < gapRate;
            price = c;
            if (missing) {
                continue;
            }
            double oc = cents(o);
            double cc = cents(c);
            long volume = Math.max(1, Math.round(profile.minuteVolume() * activity * noise));
            out.add(profile.symbol(), open + i * Micros.PER_MINUTE, oc, Math.max(cents(h), Math.max(oc, cc)),
                    Math.min(cents(l), Math.min(oc, cc)), cc, volume);
        }
    }

    /**
     * The intraday U-shape: trading is heaviest just after the open and just before the close (early closes too),
     * averaging about 1 over a regular session.
     */
    static double activity(int minute, int minutes) {
        return 0.85 + 2.5 * Math.exp(-minute / 12.0) + 2.0 * Math.exp(-(minutes - 1 - minute) / 15.0);
    }

    private static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
