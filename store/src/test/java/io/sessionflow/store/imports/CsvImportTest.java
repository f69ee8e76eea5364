package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.bars;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static io.sessionflow.store.imports.ImportFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.time.WallClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import rules on small hand-written files: column mapping, time forms, symbols, bad rows, options. */
class CsvImportTest {

    private static final ImportOptions DEFAULT = ImportOptions.builder(ImportFormat.CSV).build();

    @TempDir
    Path dir;

    private final InMemoryStore store = new InMemoryStore();

    @Test
    void headerNamesAreCaseInsensitiveAliasesAndDateAndTimeColumnsAreJoined() throws IOException {
        Path f = write(dir, "bars.csv",
                "Date,Time,Ticker,O,H,L,C,Vol,Adj Close",
                "2021-07-01,09:30,qqq,1.5,2,1,1.75,100,9",
                "2021-07-01,09:31,qqq,1.75,2,1.5,1.5,200,9");
        ImportReport r = run(ImportOptions.builder(ImportFormat.CSV).zone(ZoneId.of("America/New_York")).build(),
                store, f);
        assertThat(r.files().get(0).symbolSource()).isEqualTo("symbol column 'Ticker'");
        assertThat(bars(store, "QQQ")).extracting(Bar::start, Bar::close, Bar::volume).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2021-07-01T13:30:00Z"), 1.75, 100.0),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2021-07-01T13:31:00Z"), 1.5, 200.0));
    }

    @Test
    void isoTimesWithOrWithoutTAndEpochSecondsOrMillisAllGiveTheSameInstant() throws IOException {
        String[] times = {"2021-01-04T14:30:00Z", "2021-01-04 09:30:00-05:00", "2021-01-04 14:30+0000",
                "2021-01-04T14:30:00.000+00", "1609770600", "1609770600000"};
        for (String t : times) {
            InMemoryStore s = new InMemoryStore();
            run(DEFAULT, s, write(dir, "X.csv", "timestamp,open,high,low,close,volume", t + ",1,1,1,1,1"));
            assertThat(bars(s, "X").get(0).start()).as(t).isEqualTo(Instant.parse("2021-01-04T14:30:00Z"));
        }
    }

    @Test
    void epochNumbersBeyondMillisecondsAreRejectedNotGuessed() throws IOException {
        Path f = write(dir, "X.csv", "timestamp,open,high,low,close,volume", "1609770600000000,1,1,1,1,1");
        assertThatThrownBy(() -> run(DEFAULT, store, f))
                .hasMessage(f + ":2: time 1609770600000000 is too large for epoch seconds or milliseconds");
    }

    @Test
    void aTimeWithoutOffsetNeedsTzEvenWithSkipBad() throws IOException {
        Path f = write(dir, "X.csv", "time,open,high,low,close,volume", "2021-01-04 09:30:00,1,1,1,1,1");
        for (boolean skip : new boolean[] {false, true}) {
            assertThatThrownBy(() -> run(ImportOptions.builder(ImportFormat.CSV).skipBad(skip).build(), store, f))
                    .isInstanceOf(ImportException.class)
                    .hasMessage(f + ":2: time '2021-01-04 09:30:00' has no UTC offset: give --tz ZONE "
                            + "(e.g. --tz America/New_York or --tz UTC)");
        }
        run(ImportOptions.builder(ImportFormat.CSV).zone(ZoneId.of("UTC")).build(), store, f);
        assertThat(bars(store, "X").get(0).start()).isEqualTo(Instant.parse("2021-01-04T09:30:00Z"));
    }

    @Test
    void timeFormatPatternsAndEndLabels() throws IOException {
        Path f = write(dir, "spy.txt", "20110309 143100;132.3;132.4;132.2;132.35;1000");
        run(ImportOptions.builder(ImportFormat.CSV).noHeader(true).columns(List.of("time", "open", "high", "low",
                        "close", "volume")).delimiter(';').timeFormat("yyyyMMdd HHmmss").zone(ZoneId.of("UTC"))
                .barLabel(BarLabel.END).build(), store, f);
        assertThat(bars(store, "SPY").get(0).start()).isEqualTo(Instant.parse("2011-03-09T14:30:00Z"));
        Path other = write(dir, "Y.csv", "time,open,high,low,close,volume", "2011-03-09,1,1,1,1,1");
        assertThatThrownBy(() -> run(ImportOptions.builder(ImportFormat.CSV).timeFormat("yyyyMMdd HHmmss")
                .zone(ZoneId.of("UTC")).build(), store, other))
                .hasMessage(other + ":2: time '2011-03-09' does not match --time-format 'yyyyMMdd HHmmss'");
    }

    @Test
    void impossibleDatesAreBadRowsNamingFileAndLineInIsoForm() throws IOException {
        String[][] cases = {
                {"2025-02-30 09:30", "FEBRUARY 30"},
                {"2025-04-31T09:30:00Z", "APRIL 31"},
                {"2025-02-29", "'2025' is not a leap year"},
                {"2025-02-30", "FEBRUARY 30"}};
        for (String[] c : cases) {
            Path f = write(dir, "X.csv", "timestamp,open,high,low,close,volume", "2025-02-28 09:30,1,1,1,1,1",
                    c[0] + ",1,1,1,1,1");
            InMemoryStore s = new InMemoryStore();
            assertThatThrownBy(() -> run(ImportOptions.builder(ImportFormat.CSV).zone(ZoneId.of("UTC")).build(), s, f))
                    .as(c[0])
                    .hasMessageStartingWith(f + ":3: time '" + c[0] + "' is not a real date and time: ")
                    .hasMessageContaining(c[1]);
            assertThat(s.barCoverage()).as(c[0]).isEmpty();
        }
    }

    @Test
    void impossibleDatesAreBadRowsNamingFileAndLineWithAPattern() throws IOException {
        String[][] cases = {
                {"yyyyMMdd HHmmss", "20250230 093000", "FEBRUARY 30"},
                {"yyyyMMdd HHmmss", "20250431 093000", "APRIL 31"},
                {"yyyyMMdd HHmmss", "20250229 093000", "'2025' is not a leap year"},
                {"uuuuMMdd", "20250230", "FEBRUARY 30"},
                {"yyyy-MM-dd HH:mm", "2025-02-30 09:30", "FEBRUARY 30"},
                {"yyyy-MM-dd HH:mm", "2025-04-31 09:30", "APRIL 31"},
                {"dd/MM/yyyy HH:mm", "29/02/2025 09:30", "'2025' is not a leap year"}};
        for (String[] c : cases) {
            Path f = write(dir, "X.csv", "time,open,high,low,close,volume", c[1] + ",1,1,1,1,1");
            InMemoryStore s = new InMemoryStore();
            assertThatThrownBy(() -> run(ImportOptions.builder(ImportFormat.CSV).timeFormat(c[0]).zone(ZoneId.of("UTC"))
                    .build(), s, f))
                    .as(c[0] + " " + c[1])
                    .hasMessageStartingWith(f + ":2: time '" + c[1] + "' is not a real date and time: ")
                    .hasMessageContaining(c[2]);
        }
    }

    @Test
    void strictPatternsStillReadRealDatesWithYearOfEraOrProlepticYear() throws IOException {
        for (String pattern : List.of("yyyyMMdd HHmmss", "uuuuMMdd HHmmss")) {
            InMemoryStore s = new InMemoryStore();
            run(ImportOptions.builder(ImportFormat.CSV).timeFormat(pattern).zone(ZoneId.of("UTC")).build(), s,
                    write(dir, "X.csv", "time,open,high,low,close,volume", "20240229 143000,1,1,1,1,1"));
            assertThat(bars(s, "X").get(0).start()).as(pattern).isEqualTo(Instant.parse("2024-02-29T14:30:00Z"));
        }
    }

    @Test
    void columnsOptionSkipsDashColumnsAndMapsOptionalFields() throws IOException {
        Path f = write(dir, "MSFT.csv", "1609770600,x,1,2,0.5,1.5,300,7,1.2");
        run(ImportOptions.builder(ImportFormat.CSV).noHeader(true)
                .columns(List.of("t", "-", "o", "h", "l", "c", "v", "n", "vw")).build(), store, f);
        Bar b = bars(store, "MSFT").get(0);
        assertThat(b.tradeCount()).isEqualTo(7);
        assertThat(b.vwap()).isEqualTo(1.2);
    }

    @Test
    void symbolColumnMustAgreeWithSymbolFlag() throws IOException {
        Path f = write(dir, "mixed.csv", "symbol,time,open,high,low,close,volume",
                "SPY,2021-01-04T14:30:00Z,1,1,1,1,1",
                "QQQ,2021-01-04T14:30:00Z,1,1,1,1,1");
        ImportOptions spy = ImportOptions.builder(ImportFormat.CSV).symbol(Symbol.of("SPY")).build();
        assertThatThrownBy(() -> run(spy, store, f)).hasMessage(f + ":3: symbol QQQ does not match --symbol SPY");
        assertThat(store.barCoverage()).isEmpty();
        ImportReport both = run(DEFAULT, store, f);
        assertThat(both.files().get(0).symbols()).containsExactly(Symbol.of("QQQ"), Symbol.of("SPY"));
    }

    @Test
    void repeatedRowsAreDuplicatesWhenEqualAndBadWhenNot() throws IOException {
        Path same = write(dir, "A.csv", "time,open,high,low,close,volume",
                "2021-01-04T14:31:00Z,1,1,1,1,1",
                "2021-01-04T14:30:00Z,1,1,1,1,1",
                "2021-01-04T14:31:00Z,1,1,1,1,1");
        FileReport r = run(DEFAULT, store, same).files().get(0);
        assertThat(List.of(r.read(), r.inserted(), r.duplicates())).containsExactly(3L, 2L, 1L);
        assertThat(bars(store, "A")).extracting(Bar::start).containsExactly(
                Instant.parse("2021-01-04T14:30:00Z"), Instant.parse("2021-01-04T14:31:00Z"));

        Path different = write(dir, "B.csv", "time,open,high,low,close,volume",
                "2021-01-04T14:30:00Z,1,1,1,1,1",
                "2021-01-04T14:30:00Z,1,1,1,1,2");
        assertThatThrownBy(() -> run(DEFAULT, store, different)).hasMessage(different
                + ":3: duplicate of line 2 (B 2021-01-04T14:30:00Z) with different values");
        FileReport skipped = run(ImportOptions.builder(ImportFormat.CSV).skipBad(true).build(), store, different)
                .files().get(0);
        assertThat(bars(store, "B").get(0).volume()).isEqualTo(1);  // the first occurrence is kept
        assertThat(skipped.skipped()).isEqualTo(1);
    }

    @Test
    void rowShapeAndAlignmentProblemsAreBadRows() throws IOException {
        Path f = write(dir, "C.csv", "time,open,high,low,close,volume",
                "2021-01-04T14:30:00Z,1,1,1,1",
                "2021-01-04T14:30:30Z,1,1,1,1,1",
                "2021-01-04T14:32:00Z,1,0.5,1,1,1",
                "2021-01-04T14:33:00Z,1,1,1,1,1",
                "yesterday,1,1,1,1,1");
        FileReport r = run(ImportOptions.builder(ImportFormat.CSV).skipBad(true).build(), store, f).files().get(0);
        assertThat(r.badRows()).containsExactly(
                f + ":2: has 5 fields, expected 6",
                f + ":3: bar start 2021-01-04T14:30:30Z is not on a whole minute",
                f + ":4: high 0.5 is below low 1.0",
                f + ":6: time 'yesterday' is neither ISO-8601 nor epoch seconds or milliseconds");
        assertThat(r.inserted()).isEqualTo(1);
        assertThatThrownBy(() -> run(DEFAULT, new InMemoryStore(), f))
                .hasMessage(f + ":2: has 5 fields, expected 6 (and 3 more bad rows; --skip-bad imports the good rows)");
    }

    @Test
    void quotedFieldsTabsCrlfAndByteOrderMarkAreRead() throws IOException {
        Path f = dir.resolve("D.tsv");
        Files.writeString(f, "\uFEFFTime\tOpen\tHigh\tLow\tClose\tVolume\r\n"
                + "\"2021-01-04T14:30:00Z\"\t\"1.5\"\t2\t1\t1.5\t10\r\n\r\n");
        run(ImportOptions.builder(ImportFormat.CSV).delimiter('\t').build(), store, f);
        assertThat(bars(store, "D")).hasSize(1);
    }

    @Test
    void unusableFilesFailWithOneLine() throws IOException {
        Path noVolume = write(dir, "E.csv", "time,open,high,low,close", "2021-01-04T14:30:00Z,1,1,1,1");
        assertThatThrownBy(() -> run(DEFAULT, store, noVolume)).hasMessage(noVolume
                + ":1: no volume column in [time, open, high, low, close] (a file without header needs --no-header "
                + "--columns ...)");
        Path twice = write(dir, "F.csv", "time,open,o,high,low,close,volume");
        assertThatThrownBy(() -> run(DEFAULT, store, twice)).hasMessageContaining("columns 'open' and 'o' both "
                + "mean open");
        Path empty = write(dir, "G.csv");
        assertThatThrownBy(() -> run(DEFAULT, store, empty)).hasMessage(empty + ": empty file, no header row");
        Path nameless = write(dir, "2021.csv", "time,open,high,low,close,volume");
        assertThatThrownBy(() -> run(DEFAULT, store, nameless)).hasMessage(nameless
                + ": cannot tell the symbol from the file name; give --symbol or a symbol column");
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> run(DEFAULT, store, missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> run(DEFAULT, store, dir)).hasMessage(dir
                + ": is a folder; only --format lean walks folders");
        Path unclosed = write(dir, "H.csv", "time,open,high,low,close,volume", "\"2021-01-04,1,1,1,1,1");
        assertThatThrownBy(() -> run(DEFAULT, store, unclosed)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(unclosed + ":3: malformed CSV: ");
        assertThat(store.barCoverage()).isEmpty();
    }

    @Test
    void optionsThatDoNotApplyAreRejected() {
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.LEAN).zone(ZoneId.of("UTC")).build())
                .hasMessage("--tz does not apply to --format lean: times are milliseconds since midnight in the market's data zone");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.PARQUET).delimiter(';').build())
                .hasMessage("--delimiter only applies to --format csv, not parquet");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.CSV).noHeader(true).build())
                .hasMessageStartingWith("--no-header needs --columns");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.CSV).columns(List.of("time")).build())
                .hasMessageStartingWith("--columns names the columns of a file without header");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.CSV).noHeader(true)
                .columns(List.of("time", "open", "price")).build())
                .hasMessageStartingWith("unknown column 'price' in --columns");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.CSV).noHeader(true)
                .columns(List.of("time", "open", "high")).build())
                .hasMessage("no low, close, volume columns in [time, open, high]");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.CSV).timeFormat("yyyy-MM-dd {").build())
                .hasMessageStartingWith("--time-format 'yyyy-MM-dd {' is not a java.time pattern");
        assertThatThrownBy(() -> ImportFormat.parse("xls")).hasMessage("unknown format 'xls'; known: csv, lean, "
                + "parquet, corporate-actions");
        assertThatThrownBy(() -> ImportOptions.builder(ImportFormat.CORPORATE_ACTIONS).symbol(Symbol.of("X")).build())
                .hasMessage("--symbol does not apply to --format corporate-actions");
    }

    @Test
    void progressIsReportedEveryTwoSecondsOfInjectedWallTime() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("time,open,high,low,close,volume");
        for (int i = 0; i < 30_000; i++) {
            lines.add((1_609_770_600L + 60L * i) + ",1,1,1,1,1");
        }
        Path f = dir.resolve("P.csv");
        Files.write(f, lines);
        // every reading of this clock moves it 100 ms; the meter reads it once per 1024 rows
        WallClock stepping = new WallClock() {
            private long nanos;

            @Override
            public long nanoTime() {
                nanos += 100_000_000L;
                return nanos;
            }

            @Override
            public void sleepNanos(long n) {
                nanos += n;
            }

            @Override
            public long awaitNanos(java.util.concurrent.locks.Condition condition, long n) {
                nanos += n;
                return 0;
            }
        };
        List<Long> reported = new ArrayList<>();
        ImportReport r = new Importer(DEFAULT, (file, rows, rate) -> reported.add(rows), stepping)
                .prepare(List.of(f)).writeTo(store);
        assertThat(reported).containsExactly(20_480L);  // 20 readings of 100 ms after the start: 2 s
        assertThat(r.read()).isEqualTo(30_000);
        assertThat(r.rowsPerSecond()).isPositive();
    }
}
