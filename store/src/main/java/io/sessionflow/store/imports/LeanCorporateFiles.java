package io.sessionflow.store.imports;

import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.MapFile;
import io.sessionflow.domain.Symbol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads corporate-action files: LEAN's {@code factor_files/<symbol>.csv} ({@code date,price_factor,split_factor
 * [,reference_price]}) and {@code map_files/<symbol>.csv} ({@code date,ticker,exchange}), the symbol being the file
 * name, and a plain CSV of splits and dividends ({@link #actionsCsv}).
 * Any bad row fails the file, naming file, line and field: a wrong factor would silently corrupt every adjusted price.
 *
 * <p>Stateless; safe to share between threads.
 */
public final class LeanCorporateFiles {

    private LeanCorporateFiles() {
    }

    /** The factor file at {@code path}. @throws ImportException on a missing file or a bad row */
    public static FactorFile factorFile(Path path) {
        List<FactorFile.Row> rows = new ArrayList<>();
        read(path, (line, f) -> {
            if (f.length != 3 && f.length != 4) {
                throw new BadRow("expected 3 or 4 fields (date,price_factor,split_factor[,reference_price]), found "
                        + f.length);
            }
            try {
                rows.add(new FactorFile.Row(date(f[0]), Fields.decimal("price factor", f[1]),
                        Fields.decimal("split factor", f[2]),
                        f.length == 4 ? Fields.decimal("reference price", f[3]) : Double.NaN));
            } catch (IllegalArgumentException e) {
                throw new BadRow(e.getMessage());
            }
        });
        return create(path, () -> new FactorFile(symbolOf(path), rows));
    }

    /** The map file at {@code path}. @throws ImportException on a missing file or a bad row */
    public static MapFile mapFile(Path path) {
        List<MapFile.Row> rows = new ArrayList<>();
        read(path, (line, f) -> {
            RowCursor.requireFields(f, 3);
            String ticker = f[1].toUpperCase(Locale.ROOT);
            if (!Symbol.isValid(ticker)) {
                throw new BadRow("ticker '" + f[1] + "' is not a valid symbol");
            }
            rows.add(new MapFile.Row(date(f[0]), Symbol.of(ticker), f[2]));
        });
        return create(path, () -> new MapFile(symbolOf(path), rows));
    }

    /**
     * A plain CSV of splits and dividends with the header {@code symbol,ex_date,kind,value}: {@code ex_date} as
     * {@code yyyy-MM-dd} or {@code yyyyMMdd}, {@code kind} {@code split} (value: new shares per old) or
     * {@code dividend} (value: cash per share).
     *
     * @throws ImportException on a missing file, a wrong header or a bad row
     */
    public static List<CorporateAction> actionsCsv(Path path) {
        List<CorporateAction> out = new ArrayList<>();
        boolean[] header = {true};
        read(path, (line, f) -> {
            if (header[0]) {
                header[0] = false;
                if (!String.join(",", f).trim().equalsIgnoreCase("symbol,ex_date,kind,value")) {
                    throw new BadRow("expected the header symbol,ex_date,kind,value, found " + String.join(",", f));
                }
                return;
            }
            RowCursor.requireFields(f, 4);
            String ticker = f[0].trim().toUpperCase(Locale.ROOT);
            if (!Symbol.isValid(ticker)) {
                throw new BadRow("symbol '" + f[0] + "' is not a valid symbol");
            }
            LocalDate exDate;
            try {
                exDate = f[1].contains("-") ? LocalDate.parse(f[1].trim()) : date(f[1].trim());
            } catch (DateTimeParseException e) {
                throw new BadRow("ex_date '" + f[1] + "' is not yyyy-MM-dd or yyyyMMdd");
            }
            try {
                out.add(new CorporateAction(Symbol.of(ticker), exDate, CorporateAction.Kind.of(f[2]),
                        Fields.decimal("value", f[3])));
            } catch (IllegalArgumentException e) {
                throw new BadRow(e.getMessage());
            }
        });
        if (header[0]) {
            throw new ImportException(path + ": empty file, no header row symbol,ex_date,kind,value");
        }
        return out;
    }

    private static void read(Path path, RowCursor.RowHandler handler) {
        BadRows bad = new BadRows(path.toString());
        try (RowCursor rows = CsvCursor.open(Files.newBufferedReader(path, StandardCharsets.UTF_8), ',')) {
            for (String[] fields = rows.next(); fields != null; fields = rows.next()) {
                try {
                    handler.row(rows.line(), fields);
                } catch (BadRow e) {
                    bad.add(rows.line(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ImportException(path + ": cannot read: " + e.getMessage(), e);
        }
        if (bad.count() > 0) {
            throw bad.failure();
        }
    }

    private interface Creation<T> {
        T create();
    }

    private static <T> T create(Path path, Creation<T> creation) {
        try {
            return creation.create();
        } catch (IllegalArgumentException e) {
            throw new ImportException(path + ": " + e.getMessage(), e);
        }
    }

    private static Symbol symbolOf(Path path) {
        String name = path.getFileName().toString();
        String ticker = name.replaceFirst("\\.csv$", "").toUpperCase(Locale.ROOT);
        if (!Symbol.isValid(ticker)) {
            throw new ImportException(path + ": file name '" + name + "' is not <symbol>.csv");
        }
        return Symbol.of(ticker);
    }

    private static LocalDate date(String text) throws BadRow {
        try {
            return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new BadRow("date '" + text + "' is not yyyyMMdd");
        }
    }
}
