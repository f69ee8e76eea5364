package io.sessionflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.dashboard.testing.Browser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class DashboardServerTest {

    private final AccessToken token = AccessToken.random(new SecureRandom());
    private final HttpClient http = HttpClient.newHttpClient();
    private Dashboard dashboard;

    @BeforeEach
    void start() {
        dashboard = Dashboard.builder().settings(new DashboardSettings("127.0.0.1", 0, token))
                .routes(r -> {
                    r.get("/api/echo", ctx -> ctx.json(Map.of("symbol", ctx.queryParam("symbol"))));
                    r.post("/api/change", ctx -> ctx.json(Map.of("changed", true)));
                    r.get("/api/bad", ctx -> {
                        throw BadRequest.of("symbol", ctx.queryParam("symbol"), "not a symbol");
                    });
                }).start();
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(dashboard.uri().resolve(path));
    }

    @Test
    void servesThePageAndUplotFromTheClasspath() throws Exception {
        assertThat(dashboard.uri().getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> page = send(at("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sessionflow</title>");
        HttpResponse<String> uplot = send(at("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"));
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
    }

    @Test
    void aChangeWithoutTheTokenIsRefusedWith401AndWithItAccepted() throws Exception {
        HttpResponse<String> refused = send(at("/api/change").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\"").contains(AccessToken.HEADER).doesNotContain(token.reveal());
        HttpResponse<String> wrong = send(at("/api/change").header(AccessToken.HEADER, "0".repeat(32))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> ok = send(at("/api/change").header(AccessToken.HEADER, token.reveal())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"changed\":true}");
    }

    @Test
    void badInputIs400AndAnUnknownApiPath404BothAsJson() throws Exception {
        HttpResponse<String> bad = send(at("/api/bad?symbol=" + "X".repeat(200)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(bad.body()).startsWith("{\"error\":\"symbol 'XXX").contains("...': not a symbol").hasSizeLessThan(200);
        HttpResponse<String> missing = send(at("/api/nothing"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"no such API path: /api/nothing\"}");
    }

    @Test
    void noRequestPathReachesTheFileSystem() throws Exception {
        for (String path : new String[] {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/webjars/../../../../etc/passwd", "/io/sessionflow/dashboard/Dashboard.class"}) {
            HttpResponse<String> r = send(at("/").uri(URI.create(dashboard.uri().toString().replaceAll("/$", "")
                    + path)));
            assertThat(r.body()).as(path).doesNotContain("root:");
            assertThat(r.statusCode()).as(path).isIn(400, 404);
        }
    }

    @Test
    void aTakenPortAndAnUnknownHostAreRefusedWithAMessageNamingThem() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Dashboard.builder().settings(new DashboardSettings("127.0.0.1", port, token))
                    .start()).isInstanceOf(DashboardStartException.class).hasMessageContaining("127.0.0.1:" + port);
        }
        assertThatThrownBy(() -> Dashboard.builder().settings(new DashboardSettings("no-such-host.invalid", 0, token))
                .start()).isInstanceOf(DashboardStartException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void thePageLoadsInHeadlessChromium() {
        try (Browser browser = Browser.open()) {
            browser.driver().get(dashboard.uri().toString());
            browser.until(d -> d.findElement(By.id("nav-store")).isDisplayed());
            assertThat(browser.script("return typeof uPlot")).isEqualTo("function");
            Object storeShown = browser.until(d -> browser.script(
                    "return !document.getElementById('view-store').hidden && document.getElementById('view-runs').hidden"));
            assertThat(storeShown).isEqualTo(Boolean.TRUE);
            assertThat(browser.screenshot("dashboard-shell")).exists();
            assertThat(browser.driver().findElement(By.id("token-state")).getText()).startsWith("read-only");
        }
    }

    @Test
    void theTokenInTheAddressIsKeptByTheTabAndLeavesTheAddressBar() {
        try (Browser browser = Browser.open()) {
            browser.driver().get(dashboard.uri() + "#token=" + token.reveal());
            browser.until(d -> d.findElement(By.id("token-state")).getText().equals("controls enabled"));
            assertThat(browser.script("return sessionStorage.getItem('sessionflow-token')")).isEqualTo(token.reveal());
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(dashboard.uri() + "#store")
                    .doesNotContain(token.reveal());
            browser.script("location.hash = '#runs'");
            browser.until(d -> d.getCurrentUrl().endsWith("#runs"));
            assertThat(browser.driver().findElement(By.id("token-state")).getText()).isEqualTo("controls enabled");
        }
    }
}
