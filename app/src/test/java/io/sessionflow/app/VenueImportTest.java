package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.Instrument;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One ticker from several sources stays several symbols: {@code import --venue} qualifies them ({@code SPY@IEX}),
 * each replays on its own, and asset classes never mix under one symbol. Also: a fractional volume is stored, read
 * and written to {@code --events} exactly.
 */
class VenueImportTest {

    private static final TimeRange ALL = new TimeRange(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2100-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void threeSpySourcesInOneStoreStaySeparateAndReplaySeparately() throws IOException {
        Path iex = ReferenceData.require("marketdata/lumibot/alpaca_v1_iex_1m_2021/SPY_Minute_2021.csv");
        Path nt = ReferenceData.require("marketdata/pyalgotrade/nt-spy-minute-2011.csv");
        String db = dir.resolve("spy.duckdb").toString();
        CliRun a = CliRun.of("import", "--format", "csv", "--venue", "iex", "--db", db, iex.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("1m bars of SPY@IEX (symbol from file name): read 12131, inserted 12131");
        CliRun b = CliRun.of("import", "--format", "csv", "--no-header", "--columns",
                "time,open,high,low,close,volume", "--delimiter", ";", "--time-format", "yyyyMMdd HHmmss", "--tz",
                "UTC", "--bar-label", "end", "--symbol", "spy", "--db", db, nt.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        CliRun c = CliRun.of("import", "--format", "csv", "--venue", "Alpaca", "--db", db, iex.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("inserted 12131");

        Symbol spyIex = Symbol.of("SPY@IEX");
        try (MarketDataStore store = Stores.openExisting(db)) {
            assertThat(store.readBars(spyIex, Interval.ONE_MINUTE, ALL)).hasSize(12131);
            assertThat(store.readBars(Symbol.of("SPY@ALPACA"), Interval.ONE_MINUTE, ALL)).hasSize(12131);
            assertThat(store.readBars(Symbol.of("SPY"), Interval.ONE_MINUTE, ALL)).hasSize(14180);
            assertThat(store.instrument(spyIex)).contains(new Instrument(spyIex, AssetClass.EQUITY, "iex"));
            assertThat(store.instrument(Symbol.of("SPY"))).contains(Instrument.equity(Symbol.of("SPY")));
        }

        Path iexEvents = dir.resolve("iex.jsonl");
        CliRun replay = CliRun.of("replay", "--db", db, "--symbols", "SPY@IEX", "--from", "2021-07-01", "--to",
                "2021-07-01", "--events", iexEvents.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        List<String> bars = Files.readAllLines(iexEvents).stream().filter(l -> l.contains("\"type\":\"bar\"")).toList();
        assertThat(bars).isNotEmpty().allMatch(l -> l.contains("\"symbol\":\"SPY@IEX\""));
        Path plainEvents = dir.resolve("plain.jsonl");
        CliRun plain = CliRun.of("replay", "--db", db, "--symbols", "SPY", "--from", "2021-07-01", "--to",
                "2021-07-01", "--events", plainEvents.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(Files.readString(plainEvents)).doesNotContain("\"type\":\"bar\"");  // NT data is of 2011
    }

    @Test
    void anotherAssetClassForAStoredSymbolAndBadValuesAreRefusedWithOneClearLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("BTCUSD.csv"), "time,open,high,low,close,volume\n"
                + "2016-10-07T00:00:00Z,617.5,617.5,617.49,617.49,0.66756\n");
        String db = dir.resolve("crypto.duckdb").toString();
        CliRun equity = CliRun.of("import", "--format", "csv", "--db", db, csv.toString());
        assertThat(equity.exitCode()).as(equity.err()).isZero();
        CliRun crypto = CliRun.of("import", "--format", "csv", "--asset-class", "crypto", "--db", db, csv.toString());
        assertThat(crypto.exitCode()).isEqualTo(Main.USAGE);
        assertThat(crypto.err()).contains("BTCUSD is stored as equity, not crypto").doesNotContain("\tat ");
        CliRun venue = CliRun.of("import", "--format", "csv", "--venue", "co inbase", "--db", db, csv.toString());
        assertThat(venue.exitCode()).isEqualTo(Main.USAGE);
        assertThat(venue.err()).contains("--venue 'co inbase' is not a venue");
        CliRun kind = CliRun.of("import", "--format", "csv", "--asset-class", "bond", "--db", db, csv.toString());
        assertThat(kind.exitCode()).isEqualTo(Main.USAGE);
        assertThat(kind.err()).contains("--asset class 'bond' is not one of equity, crypto, forex, future, other");
        CliRun ok = CliRun.of("import", "--format", "csv", "--asset-class", "crypto", "--venue", "coinbase", "--db",
                db, csv.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        Symbol btc = Symbol.of("BTCUSD@COINBASE");
        try (MarketDataStore store = Stores.openExisting(db)) {
            assertThat(store.instrument(btc)).contains(new Instrument(btc, AssetClass.CRYPTO, "coinbase"));
            double v = store.readBars(btc, Interval.ONE_MINUTE, ALL).get(0).volume();
            assertThat(Double.doubleToRawLongBits(v)).isEqualTo(Double.doubleToRawLongBits(0.66756));
        }
    }
}
