package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.ALL_TIME;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.storage.Coverage;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LEAN rules on zips written into a temporary LEAN-shaped folder: bad rows, suspicious ticks, path errors. */
class LeanImportTest {

    private static final ImportOptions LEAN = ImportOptions.builder(ImportFormat.LEAN).build();

    @TempDir
    Path dir;

    private Path zip(String relative, String csv) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry(p.getFileName().toString().replace(".zip", ".csv")));
            z.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    /** A copy of a reference zip under the same LEAN path, with line {@code line} of its CSV replaced. */
    private Path brokenCopy(String relative, int line, String text) throws IOException {
        Path source = ReferenceData.require("marketdata/lean/equity/usa/" + relative);
        String csv;
        try (ZipFile z = new ZipFile(source.toFile()); InputStream in = z.getInputStream(z.entries().nextElement())) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = new java.util.ArrayList<>(csv.lines().toList());
        lines.set(line - 1, text);
        return zip(relative, String.join("\n", lines));
    }

    @Test
    void aCorruptedReferenceZipIsRejectedWithFileAndLineAndWritesNothing() throws IOException {
        // line 2 of spy/20131007_trade.zip is 14460000,1672500,1672500,1672500,1672500,1150
        String[][] cases = {
            {"14460000,1672500,1672500,1672500,16725x0,1150", "close '16725x0' is not a number"},
            {"14460000,1672500,1672500,1672600,1672500,1150", "high 167.25 is below low 167.26"},
            {"14460000,1672500,1672500,1672500,1672500,-1150", "volume -1150 is negative"},
            {"14461000,1672500,1672500,1672500,1672500,1150", "time 14461000 ms is not a whole minute of the day"},
            {"14460000,1672500,1672500,1672500,1672500", "has 5 fields, expected 6"},
        };
        for (String[] c : cases) {
            Path broken = brokenCopy("minute/spy/20131007_trade.zip", 2, c[0]);
            InMemoryStore store = new InMemoryStore();
            assertThatThrownBy(() -> run(LEAN, store, broken)).isInstanceOf(ImportException.class)
                    .hasMessage(broken + ":2: " + c[1]);
            assertThat(store.barCoverage()).isEmpty();
            FileReport r = run(ImportOptions.builder(ImportFormat.LEAN).skipBad(true).build(), store, broken)
                    .files().get(0);
            assertThat(List.of(r.read(), r.inserted(), r.skipped())).containsExactly(828L, 827L, 1L);
            assertThat(r.badRows()).containsExactly(broken + ":2: " + c[1]);
        }
    }

    @Test
    void quoteBarsNeedBothSidesOrAnEmptySideOfSizeZero() throws IOException {
        Path f = zip("minute/abc/20240102_quote.zip", String.join("\n",
                "34200000,100000,100000,100000,100000,5,,,,,0",
                "34260000,,,,,3,100100,100100,100100,100100,5",
                "34320000,100000,,100000,100000,5,100100,100100,100100,100100,5"));
        FileReport r = run(ImportOptions.builder(ImportFormat.LEAN).skipBad(true).build(), new InMemoryStore(), f)
                .files().get(0);
        assertThat(r.inserted()).isEqualTo(1);
        assertThat(r.badRows()).containsExactly(f + ":2: bid prices are empty but its size is 3",
                f + ":3: bid high is empty");
    }

    @Test
    void suspiciousTicksAreLeftOutAndCountedAndFractionalMillisKept() throws IOException {
        Path f = zip("tick/abc/20240102_trade.zip", String.join("\n",
                "34200000,1000000,100,P,0,0",
                "34200000.5,1000100,200,Q,0,1",
                "34200001.25,1000200,300,Q,0,0",
                "34200002,1000300,300,Q,0,2"));
        InMemoryStore store = new InMemoryStore();
        FileReport r = run(ImportOptions.builder(ImportFormat.LEAN).skipBad(true).build(), store, f).files().get(0);
        assertThat(List.of(r.read(), r.inserted(), r.suspicious(), r.skipped())).containsExactly(4L, 2L, 1L, 1L);
        assertThat(r.badRows()).containsExactly(f + ":4: suspicious flag '2' is neither 0 nor 1");
        assertThat(store.readTrades(List.of(Symbol.of("ABC")), ALL_TIME)).extracting(Trade::time, Trade::price)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-01-02T14:30:00Z"), 100.0),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-01-02T14:30:00.001250Z"), 100.02));
    }

    @Test
    void pathsThatAreNotLeanZipsAreRejectedOrPassedOver() throws IOException {
        Path daily = zip("second/spy/20240102_trade.zip", "x");
        assertThatThrownBy(() -> run(LEAN, new InMemoryStore(), daily)).hasMessage(daily
                + ": not a LEAN minute, tick, hour or daily zip (expected .../[equity|crypto|forex|future/<market>/]"
                + "minute|tick/<symbol>/<YYYYMMDD>_trade|quote.zip or .../daily|hour/<symbol>.zip)");
        Path good = zip("minute/abc/20240102_trade.zip", "34200000,1000000,1000000,1000000,1000000,1");
        Files.writeString(dir.resolve("minute/abc/notes.txt"), "ignored silently: not a zip");
        InMemoryStore store = new InMemoryStore();
        ImportReport r = run(LEAN, store, dir);
        assertThat(r.ignored()).containsExactly(daily.toString());
        assertThat(r.files()).extracting(FileReport::file).containsExactly(good.toString());
        assertThat(store.barCoverage()).extracting(Coverage::rows).containsExactly(1L);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> run(LEAN, store, empty)).hasMessageStartingWith("no LEAN minute or tick zips in ");
    }

    @Test
    void dailyRowsAreSessionBarsAtTheMarketOpenAndHourRows60mBarsAtTheirNewYorkTime() throws IOException {
        Path daily = zip("equity/usa/daily/abc.zip", String.join("\n",
                "20151223 00:00,7534700,7540000,7440000,7503100,1000",
                "20151224 00:00,7495500,7500000,7480000,7484000,500",
                "20151225 00:00,7495500,7500000,7480000,7484000,500",
                "20151228 09:30,7495500,7500000,7480000,7484000,500"));
        Path hour = zip("equity/usa/hour/abc.zip", String.join("\n",
                "20131001 09:00,6448000,6448000,6448000,6448000,90",
                "20131001 10:00,6448000,6458000,6438000,6450000,120"));
        InMemoryStore store = new InMemoryStore();
        ImportReport r = run(ImportOptions.builder(ImportFormat.LEAN).skipBad(true).build(), store, dir);
        assertThat(r.files()).extracting(FileReport::file).containsExactly(daily.toString(), hour.toString());
        assertThat(r.files().get(0).badRows()).containsExactly(daily + ":3: date 2015-12-25 is not an XNYS session",
                daily + ":4: daily row stamped 2015-12-28T09:30, not 00:00 of its date");
        Symbol abc = Symbol.of("ABC");
        assertThat(store.readBars(List.of(abc), io.sessionflow.domain.Interval.SESSION, ALL_TIME))
                .extracting(b -> b.start(), b -> b.close(), b -> b.volume()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2015-12-23T14:30:00Z"), 750.31, 1000.0),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2015-12-24T14:30:00Z"), 748.4, 500.0));
        assertThat(store.readBars(List.of(abc), io.sessionflow.domain.Interval.ofMinutes(60), ALL_TIME))
                .extracting(b -> b.start(), b -> b.high()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2013-10-01T13:00:00Z"), 644.8),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2013-10-01T14:00:00Z"), 645.8));
        assertThat(store.readBars(List.of(abc), io.sessionflow.domain.Interval.ONE_MINUTE, ALL_TIME)).isEmpty();
    }

    @Test
    void aZipThatIsNotAZipFailsWithOneLine() throws IOException {
        Path fake = dir.resolve("minute/abc/20240102_trade.zip");
        Files.createDirectories(fake.getParent());
        try (OutputStream out = Files.newOutputStream(fake)) {
            out.write("not a zip".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> run(LEAN, new InMemoryStore(), fake)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(fake + ": not a readable zip: ");
    }
}
