package io.sessionflow.store.imports;

import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.ReferenceData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LEAN files of the reference data ({@link ReferenceData}) for other modules' tests: their paths, and a store
 * holding them as the product's {@link Importer} imports them. A missing file skips the calling test, with a message.
 *
 * <p>Stateless; safe from any thread.
 */
public final class LeanReference {

    /** The LEAN US equity folder under the reference root. */
    public static final String EQUITY = "marketdata/lean/equity/usa/";

    private LeanReference() {
    }

    /** {@code minute/<symbol>/<yyyyMMdd>_trade.zip}: one day's minute trade bars. */
    public static Path minuteTradeZip(String symbol, LocalDate date) {
        return ReferenceData.require(EQUITY + "minute/" + file(symbol, date));
    }

    /** {@code tick/<symbol>/<yyyyMMdd>_trade.zip}: one day's trade ticks. */
    public static Path tickTradeZip(String symbol, LocalDate date) {
        return ReferenceData.require(EQUITY + "tick/" + file(symbol, date));
    }

    /** A store holding the minute trade bars of every symbol on every date. */
    public static InMemoryStore minuteTrades(List<String> symbols, List<LocalDate> dates) {
        List<Path> files = new ArrayList<>();
        for (String s : symbols) {
            for (LocalDate d : dates) {
                files.add(minuteTradeZip(s, d));
            }
        }
        return imported(files);
    }

    /** A store holding {@code files} as imported in LEAN format (suspicious rows left out, as the product does). */
    public static InMemoryStore imported(List<Path> files) {
        InMemoryStore store = new InMemoryStore();
        new Importer(ImportOptions.builder(ImportFormat.LEAN).build(), (file, rows, rate) -> { },
                new ManualWallClock()).prepare(files).writeTo(store);
        return store;
    }

    private static String file(String symbol, LocalDate date) {
        return symbol.toLowerCase(Locale.ROOT) + "/" + date.toString().replace("-", "") + "_trade.zip";
    }
}
