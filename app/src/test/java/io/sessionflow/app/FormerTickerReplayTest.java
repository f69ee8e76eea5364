package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.testing.ReferenceData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay asked for a former ticker replays the security stored under its current one, as LEAN's map file says. */
class FormerTickerReplayTest {

    @TempDir
    Path dir;

    @Test
    void goocvIn2014IsTheSecurityStoredAsGoog() {
        Path usa = ReferenceData.require("marketdata/lean/equity/usa");
        String db = dir.resolve("goog.duckdb").toString();
        CliRun imported = CliRun.of("import", "--format", "lean", "--db", db, usa.resolve("minute/goog").toString(),
                usa.resolve("map_files/goog.csv").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CliRun r = CliRun.of("replay", "--db", db, "--symbols", "GOOCV", "--from", "2014-03-28", "--to", "2014-03-31",
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("GOOCV traded on 2014-03-28 as the security stored as GOOG (its map file): "
                + "replaying GOOG");
        assertThat(r.out()).contains("\"GOOG\"").doesNotContain("\"GOOCV\"");

        // after the rename the ticker is the security's own: nothing to resolve, and an unknown ticker stays unknown
        CliRun unknown = CliRun.of("replay", "--db", db, "--symbols", "GOOCV", "--from", "2015-12-23", "--to",
                "2015-12-24");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("GOOCV");
    }
}
