package io.sessionflow.store.imports;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One LEAN US-equity daily or hour zip, {@code .../[equity/usa/]daily|hour/<symbol>.zip}, holding one header-less CSV
 * of all the symbol's bars: {@code yyyyMMdd HH:mm,open,high,low,close,volume}, New York time, prices in deci-cents.
 * <ul>
 *   <li>daily: one row per session, stamped {@code 00:00} of its date; it becomes the {@link Interval#SESSION}
 *       ({@code 1d}) bar of that XNYS session, stamped with the session's market open as a replay's 1d bar is. A
 *       date that is not an XNYS session is a bad row;</li>
 *   <li>hour: a 60m bar stamped with the row's New York time, as LEAN writes it (the bar's start).</li>
 * </ul>
 *
 * <p>Immutable; {@link #read} is called by the importing thread.
 */
final class LeanBarFile implements LeanZip {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final double DECI_CENTS = 10_000.0;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm", Locale.ROOT);
    private static final Interval HOUR = Interval.ofMinutes(60);

    private final Path path;
    private final boolean daily;
    private final Symbol symbol;

    private LeanBarFile(Path path, boolean daily, Symbol symbol) {
        this.path = path;
        this.daily = daily;
        this.symbol = symbol;
    }

    /**
     * The daily or hour zip at {@code path}, or empty when the path does not have that shape (a {@code daily} or
     * {@code hour} folder, a ticker zip, and no asset-class folder other than {@code equity} above it).
     */
    static Optional<LeanBarFile> of(Path path, ImportOptions options) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Path folder = path.getParent();
        if (!name.endsWith(".zip") || folder == null || folder.getFileName() == null) {
            return Optional.empty();
        }
        String resolution = folder.getFileName().toString();
        if (!resolution.equals("daily") && !resolution.equals("hour")) {
            return Optional.empty();
        }
        Path market = folder.getParent();
        Path assetClass = market == null ? null : market.getParent();
        if (assetClass != null && assetClass.getFileName() != null
                && LeanPath.AssetClass.ofFolder(assetClass.getFileName().toString())
                        .filter(a -> a != LeanPath.AssetClass.EQUITY).isPresent()) {
            return Optional.empty();  // crypto, forex, future daily files have other clocks: not read yet
        }
        String ticker = name.substring(0, name.length() - 4).toUpperCase(Locale.ROOT);
        if (!Symbol.isValid(ticker)) {
            return Optional.empty();
        }
        return Optional.of(new LeanBarFile(path, resolution.equals("daily"), options.qualify(Symbol.of(ticker))));
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public ParsedFile read(ProgressMeter meter) throws IOException {
        String file = path.toString();
        BadRows bad = new BadRows(file);
        TradingCalendar xnys = Calendars.xnys();
        BarCollector bars = new BarCollector(daily ? Interval.SESSION : HOUR);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<? extends ZipEntry> files = zip.stream().filter(e -> !e.isDirectory()).toList();
            if (files.size() != 1) {
                throw new IOException("expected one CSV in the zip, found " + files.size() + " entries");
            }
            try (RowCursor rows = CsvCursor.open(new InputStreamReader(zip.getInputStream(files.get(0)),
                    StandardCharsets.UTF_8), ',')) {
                long read = rows.drain((line, f) -> {
                    RowCursor.requireFields(f, 6);
                    LocalDateTime t = stamp(f[0]);
                    long start = daily ? sessionStart(xnys, t) : Micros.of(t.atZone(NEW_YORK).toInstant());
                    bars.add(line, symbol, start, price("open", f[1]), price("high", f[2]), price("low", f[3]),
                            price("close", f[4]), Fields.quantity("volume", f[5]), Bar.NO_TRADE_COUNT, Double.NaN);
                }, bad, meter);
                return ParsedFile.bars(file, "path", read, bars, bad);
            }
        }
    }

    private static LocalDateTime stamp(String text) throws BadRow {
        try {
            return LocalDateTime.parse(text, STAMP);
        } catch (DateTimeParseException e) {
            throw new BadRow("time '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "' is not yyyyMMdd HH:mm");
        }
    }

    /** A daily row's 1d bar starts at its session's market open. */
    private static long sessionStart(TradingCalendar xnys, LocalDateTime t) throws BadRow {
        if (!t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new BadRow("daily row stamped " + t + ", not 00:00 of its date");
        }
        LocalDate date = t.toLocalDate();
        Optional<TradingSession> s;
        try {
            s = xnys.session(date);
        } catch (RuntimeException e) {
            throw new BadRow("date " + date + ": " + e.getMessage());
        }
        return Micros.of(s.orElseThrow(() -> new BadRow("date " + date + " is not an XNYS session")).marketOpen());
    }

    private static double price(String name, String text) throws BadRow {
        return Fields.wholeNumber(name, text) / DECI_CENTS;
    }
}
