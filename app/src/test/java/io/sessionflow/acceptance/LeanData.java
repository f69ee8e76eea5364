package io.sessionflow.acceptance;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.store.imports.LeanReference;
import io.sessionflow.testing.InMemoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;

/**
 * The LEAN minute files of {@code ../shared/reference/marketdata}: imported through the product's importer into an
 * in-memory store, and read again here independently (a few lines of zip and CSV), so that tests compare what the
 * replay delivered with the source files themselves.
 */
final class LeanData {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private LeanData() {
    }

    static Path tradeZip(String symbol, LocalDate date) {
        return LeanReference.minuteTradeZip(symbol, date);
    }

    /** The trade ticks of one symbol and day, imported by the product (suspicious rows left out) and read back. */
    static TradeSeries importTradeTicks(String symbol, LocalDate date) {
        InMemoryStore store = LeanReference.imported(List.of(LeanReference.tickTradeZip(symbol, date)));
        return store.readTrades(List.of(Symbol.of(symbol)), TimeRange.of(date.atStartOfDay(NEW_YORK).toInstant(),
                date.plusDays(1).atStartOfDay(NEW_YORK).toInstant()));
    }

    /** A store holding the minute trade bars of the given symbols and dates, imported by the product. */
    static InMemoryStore importTrades(List<String> symbols, List<LocalDate> dates) {
        return LeanReference.minuteTrades(symbols, dates);
    }

    /** The file's bars with start in {@code [open, close)} New York wall time, read straight from the zip. */
    static List<Bar> barsInWindow(String symbol, LocalDate date, int openMinute, int closeMinute) {
        List<Bar> out = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(java.nio.file.Files.newInputStream(tradeZip(symbol, date)))) {
            zip.getNextEntry();
            BufferedReader r = new BufferedReader(new InputStreamReader(zip, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                long ms = Long.parseLong(f[0]);
                int minute = (int) (ms / 60_000);
                if (minute < openMinute || minute >= closeMinute) {
                    continue;
                }
                ZonedDateTime start = date.atStartOfDay(NEW_YORK).plusMinutes(minute);
                out.add(Bar.of(Symbol.of(symbol), start.toInstant(), Interval.ONE_MINUTE, price(f[1]), price(f[2]),
                        price(f[3]), price(f[4]), Long.parseLong(f[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double price(String deciCents) {
        return Long.parseLong(deciCents) / 10_000.0;
    }

    /**
     * The test's own aggregation into {@code n}-minute bars aligned to the session open ({@code openMinute} of the
     * New York day), written without the product's code: open of the first, close of the last, extremes and sum.
     */
    static List<Bar> aggregate(List<Bar> oneMinute, LocalDate date, int openMinute, int n) {
        List<Bar> out = new ArrayList<>();
        int i = 0;
        while (i < oneMinute.size()) {
            Bar first = oneMinute.get(i);
            int minute = first.start().atZone(NEW_YORK).toLocalTime().toSecondOfDay() / 60;
            int window = (minute - openMinute) / n;
            int windowEnd = openMinute + (window + 1) * n;
            double high = first.high();
            double low = first.low();
            double close = first.close();
            long volume = 0;
            int j = i;
            while (j < oneMinute.size()
                    && oneMinute.get(j).start().atZone(NEW_YORK).toLocalTime().toSecondOfDay() / 60 < windowEnd) {
                Bar b = oneMinute.get(j);
                high = Math.max(high, b.high());
                low = Math.min(low, b.low());
                close = b.close();
                volume += b.volume();
                j++;
            }
            out.add(Bar.of(first.symbol(), date.atStartOfDay(NEW_YORK).plusMinutes(openMinute + (long) window * n)
                    .toInstant(), Interval.ofMinutes(n), first.open(), high, low, close, volume));
            i = j;
        }
        return out;
    }
}
