package io.sessionflow.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --format lean} records LEAN's factor and map files in a DuckDB store (factor rows losslessly, the
 * splits and dividends they encode, ticker history), and {@code --format corporate-actions} a plain CSV; the store
 * gives them back after being reopened.
 */
class CorporateActionImportTest {

    private static final String USA = "marketdata/lean/equity/usa";
    private static final Symbol AAPL = Symbol.of("AAPL");

    @TempDir
    Path dir;

    @Test
    void leanFactorAndMapFilesAreStoredAndReadBackFromDuckDb() {
        Path usa = ReferenceData.require(USA);
        String db = dir.resolve("corp.duckdb").toString();
        ImportReport report;
        try (MarketDataStore store = Stores.open(db)) {
            report = ImportFixtures.run(ImportOptions.builder(ImportFormat.LEAN).build(), store,
                    usa.resolve("factor_files"), usa.resolve("map_files"));
        }
        assertThat(report.files()).isEmpty();
        assertThat(report.corporate()).hasSize(8 + 7)
                .anyMatch(l -> l.contains("factor rows of AAPL") && l.contains("4 splits"));
        FactorFile file = LeanCorporateFiles.factorFile(usa.resolve("factor_files/aapl.csv"));
        try (MarketDataStore store = Stores.open(db)) {
            assertThat(store.factorFile(AAPL)).contains(file);
            assertThat(store.corporateActions(AAPL)).containsExactlyElementsOf(file.actions(Calendars.xnys()));
            assertThat(store.corporateActions(AAPL)).contains(CorporateAction.split(AAPL, LocalDate.of(2014, 6, 9),
                    7));
            assertThat(store.mapFile(Symbol.of("GOOG"))).contains(LeanCorporateFiles.mapFile(
                    usa.resolve("map_files/goog.csv")));
            // GOOG traded as GOOCV until 2014-04-02: the store answers which security a ticker was on a date
            assertThat(store.securityTradedAs(Symbol.of("GOOCV"), LocalDate.of(2014, 3, 28)))
                    .contains(Symbol.of("GOOG"));
            assertThat(store.securityTradedAs(Symbol.of("GOOCV"), LocalDate.of(2015, 1, 5))).isEmpty();
            assertThat(store.securityTradedAs(Symbol.of("GOOG"), LocalDate.of(2015, 1, 5)))
                    .contains(Symbol.of("GOOG"));
            assertThat(store.factors().factorFile(AAPL)).contains(file);
        }
        // importing again replaces the rows: the same content, nothing doubled
        try (MarketDataStore store = Stores.open(db)) {
            ImportFixtures.run(ImportOptions.builder(ImportFormat.LEAN).build(), store, usa.resolve("factor_files"));
            assertThat(store.factorFile(AAPL)).contains(file);
            assertThat(store.corporateActions(AAPL)).hasSize(file.actions(Calendars.xnys()).size());
        }
    }

    @Test
    void aPlainCsvOfSplitsAndDividendsIsStoredAndItsSplitsBecomeFactors() throws IOException {
        Path csv = Files.writeString(dir.resolve("actions.csv"), """
                symbol,ex_date,kind,value
                XYZ,2014-06-09,split,7
                XYZ,20140508,dividend,3.29
                XYZ,2020-08-31,split,4
                """);
        String db = dir.resolve("csv.duckdb").toString();
        try (MarketDataStore store = Stores.open(db)) {
            ImportReport r = ImportFixtures.run(ImportOptions.builder(ImportFormat.CORPORATE_ACTIONS).build(), store,
                    csv);
            assertThat(r.corporate()).containsExactly(csv + ": 3 corporate actions");
            Symbol xyz = Symbol.of("XYZ");
            assertThat(store.corporateActions(xyz)).containsExactly(
                    CorporateAction.dividend(xyz, LocalDate.of(2014, 5, 8), 3.29),
                    CorporateAction.split(xyz, LocalDate.of(2014, 6, 9), 7),
                    CorporateAction.split(xyz, LocalDate.of(2020, 8, 31), 4));
            FactorFile f = store.factors().factorFile(xyz).orElseThrow();
            assertThat(f.factorsOn(LocalDate.of(2014, 6, 6)).split()).isEqualTo(1.0 / 4 / 7);
            assertThat(f.factorsOn(LocalDate.of(2014, 6, 9)).split()).isEqualTo(0.25);
            assertThat(f.factorsOn(LocalDate.of(2020, 8, 31)).split()).isEqualTo(1.0);
        }
    }

    @Test
    void aBadCsvNamesFileAndLine() throws IOException {
        Path header = Files.writeString(dir.resolve("h.csv"), "sym,date,kind,value\nXYZ,2014-06-09,split,7\n");
        assertThatThrownBy(() -> new Importer(ImportOptions.builder(ImportFormat.CORPORATE_ACTIONS).build(),
                ImportProgress.NONE, new io.sessionflow.testing.ManualWallClock()).prepare(List.of(header)))
                .isInstanceOf(ImportException.class).hasMessageContaining(header + ":1")
                .hasMessageContaining("symbol,ex_date,kind,value");
        Path kind = Files.writeString(dir.resolve("k.csv"), "symbol,ex_date,kind,value\nXYZ,2014-06-09,merger,7\n");
        assertThatThrownBy(() -> new Importer(ImportOptions.builder(ImportFormat.CORPORATE_ACTIONS).build(),
                ImportProgress.NONE, new io.sessionflow.testing.ManualWallClock()).prepare(List.of(kind)))
                .isInstanceOf(ImportException.class).hasMessageContaining(kind + ":2")
                .hasMessageContaining("merger");
    }
}
