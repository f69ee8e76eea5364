package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.dashboard.store.StoreViews;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.testing.ReferenceData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The LEAN reference equity folder imported by {@code sessionflow import --format lean} into a DuckDB file, served by
 * the dashboard's store views with the calendar and settings {@code gaps} uses (XNYS, defaults). Skips the calling
 * test when the reference data is absent. Threading: one test thread.
 */
final class LeanDashboard implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path db;
    final AccessToken token = AccessToken.random(new SecureRandom());
    private final HttpClient http = HttpClient.newHttpClient();
    private MarketDataStore store;
    private Dashboard dashboard;

    private LeanDashboard(Path db) {
        this.db = db;
    }

    /** Imports the reference equity data into {@code dir}/lean.duckdb and starts serving it. */
    static LeanDashboard imported(Path dir) {
        Path equity = ReferenceData.require("marketdata/lean/equity");
        Path db = dir.resolve("lean.duckdb");
        CliRun imported = CliRun.of("import", "--format", "lean", "--db", db.toString(), equity.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        LeanDashboard d = new LeanDashboard(db);
        d.start();
        return d;
    }

    void start() {
        SessionConfig config = SessionConfig.defaults();
        store = Stores.openExisting(db.toString());
        dashboard = Dashboard.builder().settings(new DashboardSettings("127.0.0.1", 0, token))
                .routes(StoreViews.of(store, config.calendar(Calendars.byName(config.exchange())), config)).start();
    }

    /** Stops serving and closes the store, so that a command can open the file. */
    void stop() {
        if (dashboard != null) {
            dashboard.close();
            store.close();
            dashboard = null;
        }
    }

    URI uri() {
        return dashboard.uri();
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(dashboard.uri().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** One line of {@code sessionflow gaps}. */
    record Gap(LocalDate date, String symbol, int expected, int present, String quality) {
    }

    /**
     * What {@code sessionflow gaps} prints for {@code symbols} over each run of consecutive {@code dates} (the store
     * must be closed: {@link #stop()}), keyed by symbol and date.
     */
    Map<String, Gap> gaps(List<String> symbols, List<LocalDate> dates) {
        Map<String, Gap> out = new HashMap<>();
        List<List<LocalDate>> runs = new ArrayList<>();
        for (LocalDate d : dates) {
            if (runs.isEmpty() || !Calendars.xnys().nextTradingDay(last(runs)).equals(d)) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(d);
        }
        for (List<LocalDate> run : runs) {
            CliRun r = CliRun.of("gaps", "--db", db.toString(), "--symbols", String.join(",", symbols), "--from",
                    run.get(0).toString(), "--to", run.get(run.size() - 1).toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            for (String line : r.outLines().subList(2, r.outLines().size())) {
                String[] f = line.trim().split("\\s+");
                Gap g = new Gap(LocalDate.parse(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]);
                out.put(g.symbol() + " " + g.date(), g);
            }
        }
        return out;
    }

    private static LocalDate last(List<List<LocalDate>> runs) {
        List<LocalDate> r = runs.get(runs.size() - 1);
        return r.get(r.size() - 1);
    }

    @Override
    public void close() {
        stop();
    }
}
