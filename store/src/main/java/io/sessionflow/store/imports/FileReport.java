package io.sessionflow.store.imports;

import io.sessionflow.domain.Symbol;
import java.util.List;

/**
 * What importing one file did. {@code read} counts every data row; each row ends up in exactly one of
 * {@code inserted}, {@code updated} (the stored row with that key had other values), {@code duplicates} (already
 * stored with the same values, or an identical repeat within the file), {@code skipped} (bad, with
 * {@code --skip-bad}) or {@code suspicious} (LEAN ticks flagged suspicious by the vendor, left out on purpose).
 *
 * @param file         the path as given or found while walking a folder
 * @param content      what the file held: {@code 1m bars}, {@code 1m quote bars}, {@code trade ticks},
 *                     {@code quote ticks}
 * @param symbols      the symbols imported, in alphabetical order
 * @param symbolSource where the symbol came from: {@code symbol column 'X'}, {@code --symbol}, {@code file name},
 *                     {@code path}
 * @param badRows      the skipped rows as {@code file:line: reason}, in line order (the first 1000)
 *
 * <p>Immutable.
 */
public record FileReport(String file, String content, List<Symbol> symbols, String symbolSource, long read,
                         long inserted, long updated, long duplicates, long skipped, long suspicious,
                         List<String> badRows) {

    public FileReport {
        symbols = List.copyOf(symbols);
        badRows = List.copyOf(badRows);
    }
}
