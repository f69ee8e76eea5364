package io.sessionflow.store.imports;

import io.sessionflow.domain.Symbol;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the path of a LEAN zip says: {@code [<asset class>/<market>/]minute|tick/<symbol>/<YYYYMMDD>_trade|quote.zip}.
 * The asset class decides the clock and the price unit of the rows, as LEAN's data formats define them:
 * <ul>
 *   <li>{@code equity} (and a path without an asset class folder): milliseconds after midnight New York time,
 *       prices in deci-cents (÷ 10 000);</li>
 *   <li>{@code crypto}, {@code forex}, {@code future}: milliseconds after midnight UTC (the {@code dataTimeZone} of
 *       Coinbase, Oanda and CME in LEAN's market-hours database), prices as plain decimals. A futures zip holds one
 *       CSV per contract, named by its expiry month.</li>
 * </ul>
 *
 * @param market the folder above the resolution for a known asset class ({@code usa}, {@code coinbase}, ...), else empty
 *
 * <p>Immutable; safe to share between threads.
 */
record LeanPath(Path path, AssetClass assetClass, String market, boolean tick, String ticker, LocalDate date,
                boolean quotes) {

    /** LEAN's asset-class folders this importer reads. */
    enum AssetClass {
        EQUITY(ZoneId.of("America/New_York"), 10_000.0, io.sessionflow.domain.AssetClass.EQUITY),
        CRYPTO(ZoneOffset.UTC, 1.0, io.sessionflow.domain.AssetClass.CRYPTO),
        FOREX(ZoneOffset.UTC, 1.0, io.sessionflow.domain.AssetClass.FOREX),
        FUTURE(ZoneOffset.UTC, 1.0, io.sessionflow.domain.AssetClass.FUTURE);

        final ZoneId dataZone;
        final double priceDivisor;
        final io.sessionflow.domain.AssetClass domain;

        AssetClass(ZoneId dataZone, double priceDivisor, io.sessionflow.domain.AssetClass domain) {
            this.dataZone = dataZone;
            this.priceDivisor = priceDivisor;
            this.domain = domain;
        }

        static Optional<AssetClass> ofFolder(String name) {
            for (AssetClass a : values()) {
                if (a.name().equalsIgnoreCase(name)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern NAME = Pattern.compile("(\\d{8})_(trade|quote)\\.zip");

    /** The LEAN path of {@code path}, or empty when it does not have the shape of a minute or tick zip. */
    static Optional<LeanPath> of(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        Path folder = path.getParent();
        Path resolution = folder == null ? null : folder.getParent();
        if (!m.matches() || resolution == null || resolution.getFileName() == null) {
            return Optional.empty();
        }
        String res = resolution.getFileName().toString();
        if (!res.equals("minute") && !res.equals("tick")) {
            return Optional.empty();
        }
        Path marketFolder = resolution.getParent();
        Path classFolder = marketFolder == null ? null : marketFolder.getParent();
        Optional<AssetClass> known = classFolder == null || classFolder.getFileName() == null ? Optional.empty()
                : AssetClass.ofFolder(classFolder.getFileName().toString());
        AssetClass assetClass = known.orElse(AssetClass.EQUITY);
        String market = known.isPresent() ? marketFolder.getFileName().toString() : "";
        String ticker = folder.getFileName().toString().toUpperCase(Locale.ROOT);
        if (!Symbol.isValid(ticker) || (assetClass == AssetClass.FUTURE && res.equals("tick"))) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            return Optional.of(new LeanPath(path, assetClass, market, res.equals("tick"), ticker, date,
                    m.group(2).equals("quote")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What {@link #of} expects, for messages. */
    static String expectedShape() {
        return ".../[equity|crypto|forex|future/<market>/]minute|tick/<symbol>/<YYYYMMDD>_trade|quote.zip";
    }

    boolean minute() {
        return !tick;
    }
}
