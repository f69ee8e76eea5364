package io.sessionflow.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.MapFile;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LEAN's factor and map files of the reference data read into their splits, dividends and ticker history. */
class LeanCorporateFilesTest {

    private static final String USA = "marketdata/lean/equity/usa";

    @TempDir
    Path dir;

    @Test
    void aaplsFactorFileGivesItsFourSplitsOnTheirExDates() {
        FactorFile aapl = LeanCorporateFiles.factorFile(ReferenceData.require(USA + "/factor_files/aapl.csv"));
        List<CorporateAction> splits = aapl.actions(Calendars.xnys()).stream()
                .filter(a -> a.kind() == CorporateAction.Kind.SPLIT).toList();
        assertThat(splits).containsExactly(
                CorporateAction.split(Symbol.of("AAPL"), LocalDate.of(2000, 6, 21), 2),
                CorporateAction.split(Symbol.of("AAPL"), LocalDate.of(2005, 2, 28), 2),
                CorporateAction.split(Symbol.of("AAPL"), LocalDate.of(2014, 6, 9), 7),
                CorporateAction.split(Symbol.of("AAPL"), LocalDate.of(2020, 8, 31), 4));
    }

    @Test
    void dividendsAreTheReferencePriceTimesThePriceFactorStep() {
        FactorFile aapl = LeanCorporateFiles.factorFile(ReferenceData.require(USA + "/factor_files/aapl.csv"));
        List<CorporateAction> dividends = aapl.actions(Calendars.xnys()).stream()
                .filter(a -> a.kind() == CorporateAction.Kind.DIVIDEND).toList();
        // AAPL's first dividend since 1995 went ex on 2012-08-09 at $2.65; May 2014's at $3.29
        assertThat(dividends.get(0).exDate()).isEqualTo(LocalDate.of(2012, 8, 9));
        assertThat(dividends.get(0).value()).isBetween(2.645, 2.655);
        assertThat(dividends).filteredOn(d -> d.exDate().equals(LocalDate.of(2014, 5, 8)))
                .singleElement().satisfies(d -> assertThat(d.value()).isBetween(3.28, 3.30));
    }

    @Test
    void factorsApplyUpToAndIncludingTheirRowsDate() {
        FactorFile aapl = LeanCorporateFiles.factorFile(ReferenceData.require(USA + "/factor_files/aapl.csv"));
        assertThat(aapl.factorsOn(LocalDate.of(2014, 6, 6))).isEqualTo(new FactorFile.Factors(0.9011818, 0.0357143));
        assertThat(aapl.factorsOn(LocalDate.of(2014, 6, 9))).isEqualTo(new FactorFile.Factors(0.9011818, 0.25));
        assertThat(aapl.factorsOn(LocalDate.of(2060, 1, 1))).isEqualTo(FactorFile.Factors.NONE);
    }

    @Test
    void googsMapFileSaysItTradedAsGoocvUntilApril2014() {
        MapFile goog = LeanCorporateFiles.mapFile(ReferenceData.require(USA + "/map_files/goog.csv"));
        assertThat(goog.tickerOn(LocalDate.of(2014, 3, 27))).contains(Symbol.of("GOOCV"));
        assertThat(goog.tickerOn(LocalDate.of(2014, 4, 2))).contains(Symbol.of("GOOCV"));
        assertThat(goog.tickerOn(LocalDate.of(2014, 4, 3))).contains(Symbol.of("GOOG"));
        assertThat(goog.firstDate()).contains(LocalDate.of(2014, 3, 27));
    }

    @Test
    void aBadRowNamesFileLineAndField() throws IOException {
        Path f = Files.writeString(dir.resolve("abc.csv"), "20140101,1,1\n20140102,x,1\n");
        assertThatThrownBy(() -> LeanCorporateFiles.factorFile(f)).isInstanceOf(ImportException.class)
                .hasMessageContaining(f + ":2").hasMessageContaining("price factor");
        Path unordered = Files.writeString(dir.resolve("def.csv"), "20140102,1,1\n20140101,1,1\n");
        assertThatThrownBy(() -> LeanCorporateFiles.factorFile(unordered)).hasMessageContaining("does not come after");
    }
}
