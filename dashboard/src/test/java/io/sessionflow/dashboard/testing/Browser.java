package io.sessionflow.dashboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver, both from Debian's packages ({@code chromium}, {@code
 * chromium-driver}; {@code .ci/run} installs them). The binaries are named explicitly, so Selenium never looks for or
 * downloads a driver. When they are absent the calling test is skipped with a console line, and fails instead with
 * {@code CI=true}. Screenshots go to {@code target/screenshots/}. Threading: one test thread.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM_VARIABLE = "SESSIONFLOW_CHROMIUM";
    public static final String DRIVER_VARIABLE = "SESSIONFLOW_CHROMEDRIVER";

    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Selenium logs through java.util.logging that it has no DevTools classes for Debian's Chromium version, which
     * the tests do not use; held here so the level sticks (JUL keeps loggers weakly).
     */
    private static final java.util.logging.Logger DEVTOOLS = quiet("org.openqa.selenium.devtools");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.SEVERE);
        return l;
    }

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** A new headless browser, 1400 x 900; skips (or, on CI, fails) the test when Chromium is not installed. */
    public static Browser open() {
        Path chromium = binary(CHROMIUM_VARIABLE, "/usr/bin/chromium");
        Path chromedriver = binary(DRIVER_VARIABLE, "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // The flags a sandboxed, offline machine needs: no GPU, no background connections to Google's hosts.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    private static Path binary(String variable, String standard) {
        Path p = Optional.ofNullable(System.getenv(variable)).map(Path::of).orElse(Path.of(standard));
        if (!Files.isExecutable(p)) {
            String why = "no " + p + " (install Debian's chromium and chromium-driver, or set " + variable + ")";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("browser tests need Chromium on CI: " + why);
            }
            System.err.println(callingTestClass() + ": browser tests skipped, " + why);
            Assumptions.abort(why);
        }
        return p;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs {@code script} in the page and returns its result (Selenium's conversions: Long, Double, List, Map). */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits up to 30 s until {@code condition} gives a non-null, non-false value, and returns it. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Saves the page as {@code target/screenshots/NAME.png} for people to look at; returns the file. */
    public Path screenshot(String name) {
        Path dir = Path.of("target", "screenshots");
        try {
            Files.createDirectories(dir);
            Path tmp = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
            return Files.move(tmp, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String callingTestClass() {
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            String c = e.getClassName();
            if (c.endsWith("Test") || c.endsWith("Tests")) {
                return c.substring(c.lastIndexOf('.') + 1);
            }
        }
        return "browser test";
    }
}
