package io.sessionflow.store.imports;

import static io.sessionflow.store.imports.ImportFixtures.bars;
import static io.sessionflow.store.imports.ImportFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.AssetClass;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Instrument;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LEAN's Coinbase BTCUSD minute trade zips: UTC days, plain decimal prices, fractional volumes kept bit for bit. */
class LeanCryptoImportTest {

    private static final String BTC = "marketdata/lean/crypto/coinbase/minute/btcusd";
    private static final String[] DAYS = {"20161007", "20161008", "20161009"};

    private static Path folder;
    private static InMemoryStore store;

    @BeforeAll
    static void importDays() {
        folder = ReferenceData.require(BTC);
        store = new InMemoryStore();
        Path[] files = new Path[DAYS.length];
        for (int i = 0; i < DAYS.length; i++) {
            files[i] = folder.resolve(DAYS[i] + "_trade.zip");
        }
        run(ImportOptions.builder(ImportFormat.LEAN).build(), store, files);
    }

    @Test
    void everyMinuteOfTheFilesIsStoredAtItsUtcTimeWithTheExactVolume() throws IOException {
        BarSeries btc = bars(store, "BTCUSD");
        List<String[]> rows = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        for (String day : DAYS) {
            Instant midnight = LocalDate.parse(day, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            try (ZipFile zip = new ZipFile(folder.resolve(day + "_trade.zip").toFile());
                 BufferedReader in = new BufferedReader(new InputStreamReader(
                         zip.getInputStream(zip.entries().nextElement()), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(",");
                    rows.add(f);
                    starts.add(midnight.plusMillis(Long.parseLong(f[0])));
                }
            }
        }
        assertThat(rows).hasSize(1419 + 1400 + 1397);
        assertThat(btc.size()).isEqualTo(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            assertThat(btc.get(i).start()).isEqualTo(starts.get(i));
            assertThat(Double.doubleToLongBits(btc.get(i).open())).isEqualTo(Double.doubleToLongBits(Double.parseDouble(f[1])));
            assertThat(Double.doubleToLongBits(btc.get(i).close())).isEqualTo(Double.doubleToLongBits(Double.parseDouble(f[4])));
            assertThat(Double.doubleToLongBits(btc.get(i).volume()))
                    .as("volume %s at %s", f[5], starts.get(i))
                    .isEqualTo(Double.doubleToLongBits(Double.parseDouble(f[5])));
        }
        assertThat(btc.get(0).volume()).isEqualTo(1.13872);
    }

    @Test
    void thePathRecordsTheAssetClassAndMarket() {
        assertThat(store.instrument(Symbol.of("BTCUSD")))
                .contains(new Instrument(Symbol.of("BTCUSD"), AssetClass.CRYPTO, "coinbase"));
    }
}
