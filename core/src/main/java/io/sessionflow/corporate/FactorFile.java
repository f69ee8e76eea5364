package io.sessionflow.corporate;

import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.domain.Symbol;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A LEAN factor file: rows of cumulative price and split factors. A row's factors apply to the dates up to and
 * including its date, back to the previous row's date; dates after the last row have factors 1. The adjusted price
 * of a date is its raw price times the factors of the row in force, which puts every price on the basis of the file's
 * last row. A change of split factor between two rows is a split, a change of price factor a dividend, each with its
 * ex-date on the first session after the earlier row's date.
 *
 * <p>Immutable; safe to share between threads.
 */
public record FactorFile(Symbol symbol, List<Row> rows) {

    /**
     * One row: {@code date,price_factor,split_factor[,reference_price]}.
     *
     * @param referencePrice the raw close of {@code date} (the session before the action), or NaN when absent
     */
    public record Row(LocalDate date, double priceFactor, double splitFactor, double referencePrice) {
        public Row {
            Objects.requireNonNull(date, "date");
            if (!Double.isFinite(priceFactor) || priceFactor <= 0) {
                throw new IllegalArgumentException("factor row " + date + ": price factor " + priceFactor
                        + " is not a positive number");
            }
            if (!Double.isFinite(splitFactor) || splitFactor <= 0) {
                throw new IllegalArgumentException("factor row " + date + ": split factor " + splitFactor
                        + " is not a positive number");
            }
        }
    }

    /** The factors of a date: raw times {@code price() * split()} is the adjusted price. */
    public record Factors(double price, double split) {
        public static final Factors NONE = new Factors(1, 1);
    }

    public FactorFile {
        Objects.requireNonNull(symbol, "symbol");
        rows = List.copyOf(rows);
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).date().isAfter(rows.get(i - 1).date())) {
                throw new IllegalArgumentException("factor file of " + symbol + ": row " + rows.get(i).date()
                        + " does not come after " + rows.get(i - 1).date());
            }
        }
    }

    /** The factors in force on {@code date}: those of the first row dated on or after it, else none. */
    public Factors factorsOn(LocalDate date) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).date().isBefore(date)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == rows.size() ? Factors.NONE : new Factors(rows.get(lo).priceFactor(), rows.get(lo).splitFactor());
    }

    /**
     * The splits and dividends the rows encode, oldest first, each on the first session of {@code calendar} after the
     * earlier row's date. A dividend's cash amount is {@code reference price x (1 - earlier / later price factor)}:
     * LEAN's price factor steps by the dividend's share of the previous close.
     */
    public List<CorporateAction> actions(TradingCalendar calendar) {
        List<CorporateAction> out = new ArrayList<>();
        for (int i = 0; i + 1 < rows.size(); i++) {
            Row before = rows.get(i);
            Row after = rows.get(i + 1);
            if (before.date().isBefore(calendar.firstDate()) || !before.date().isBefore(calendar.lastDate())) {
                continue;
            }
            LocalDate exDate = calendar.nextTradingDay(before.date());
            double splitRatio = after.splitFactor() / before.splitFactor();
            if (Math.abs(splitRatio - 1) > 1e-6) {
                out.add(CorporateAction.split(symbol, exDate, round(splitRatio)));
            }
            double priceStep = before.priceFactor() / after.priceFactor();
            if (Math.abs(priceStep - 1) > 1e-9 && Double.isFinite(before.referencePrice())) {
                double cash = before.referencePrice() * (1 - priceStep);
                if (cash > 0) {
                    out.add(CorporateAction.dividend(symbol, exDate, Math.round(cash * 10_000) / 10_000.0));
                }
            }
        }
        return out;
    }

    /**
     * The factor rows of {@code symbol}'s splits among {@code actions} (other symbols' and dividends are passed
     * over): one row per split, dated the day before its ex-date, with the split factor of the dates up to it, so that
     * {@link #factorsOn} of a session before the ex-date divides by the ratios of every later split. Empty without
     * splits. Reference prices are absent, price factors 1.
     */
    public static Optional<FactorFile> ofSplits(Symbol symbol, List<CorporateAction> actions) {
        List<CorporateAction> splits = actions.stream()
                .filter(a -> a.symbol().equals(symbol) && a.kind() == CorporateAction.Kind.SPLIT)
                .sorted(java.util.Comparator.comparing(CorporateAction::exDate)).toList();
        if (splits.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        double factor = 1;
        for (int i = splits.size() - 1; i >= 0; i--) {
            factor /= splits.get(i).value();
            rows.add(0, new Row(splits.get(i).exDate().minusDays(1), 1, factor, Double.NaN));
        }
        return Optional.of(new FactorFile(symbol, rows));
    }

    /** Split ratios are written to six or seven digits (0.142857 for 1/7); a whole or simple ratio is meant. */
    private static double round(double ratio) {
        double r = Math.round(ratio * 1000) / 1000.0;
        return Math.abs(r - ratio) < 1e-3 ? r : ratio;
    }
}
