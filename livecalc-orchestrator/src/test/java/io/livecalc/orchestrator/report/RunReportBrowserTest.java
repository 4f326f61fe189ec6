package io.livecalc.orchestrator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.orchestrator.PipelineResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The run report opened in a real browser: headless Chromium driven by Selenium through chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them). The page must load with no console
 * errors and draw its charts with the right element counts; a screenshot of each page is written to
 * {@code target/report-screenshots/} for people to look at. Without Chromium and chromedriver the tests are
 * skipped with one line saying so (never passed); CI fails on the skip.
 *
 * <p>Chromium and chromedriver are looked for in {@code LIVECALC_CHROMIUM} / {@code LIVECALC_CHROMEDRIVER}, then in
 * the usual Debian and Ubuntu places; Selenium Manager is never asked to download anything.
 */
class RunReportBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    static Path dir;

    private static ChromeDriver browser;

    @BeforeAll
    static void startChromium() throws IOException {
        Path chromium = find("LIVECALC_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driver = find("LIVECALC_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driver != null, "browser test not run: "
                + (chromium == null ? "no Chromium (/usr/bin/chromium)" : "no chromedriver (/usr/bin/chromedriver)")
                + "; install Debian's chromium and chromium-driver, or set LIVECALC_CHROMIUM and LIVECALC_CHROMEDRIVER");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-crash-reporter",
                "--hide-scrollbars",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // Chromium keeps caches and crash reports under HOME: a folder of the test's, never the user's
        Path home = Files.createDirectories(dir.resolve("chromium-home"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                .withEnvironment(java.util.Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                        "XDG_CACHE_HOME", home.resolve(".cache").toString()))
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Path find(String variable, String... places) {
        String set = System.getenv(variable);
        if (set != null && !set.isBlank()) {
            return Files.isExecutable(Path.of(set)) ? Path.of(set) : null;
        }
        for (String p : places) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** Opens the page, returns the browser's console errors (SEVERE entries). */
    private static List<String> open(Path html) {
        browser.manage().logs().get(LogType.BROWSER); // drop what an earlier page logged
        browser.get(html.toUri().toString());
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    private static int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    /** A screenshot of the whole page (the window made as tall as the page). */
    private static Path screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 20, 8000)));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = SHOTS.resolve(name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        return target;
    }

    @Test
    void theReportOfANestedRunWithASolverLoadsWithoutConsoleErrorsAndDrawsEveryChart() throws IOException {
        PipelineResult run = ReportPipelines.nestedWithSolver(dir.resolve("nested"), 3, 100);
        JsonNode summary = JSON.readTree(run.summaryJson());
        Path html = run.writeReport(dir.resolve("nested/run.html"));
        assertEquals(List.of(), open(html), "console errors");
        assertEquals("LiveCalc run report", browser.findElement(By.tagName("h1")).getText());
        int bins = summary.at("/statistics/histogram/counts").size();
        assertEquals(18, bins);
        assertEquals(bins, count("svg.histogram rect.bin"), "one bar per histogram bin");
        for (WebElement bar : browser.findElements(By.cssSelector("svg.histogram rect.bin"))) {
            long n = Long.parseLong(bar.getAttribute("data-value"));
            assertEquals(n > 0, bar.getRect().getHeight() > 0, "a bar is as tall as its count: " + n);
        }
        assertEquals(7, count("svg.histogram g.marker"), "mean, P50, P75, P90, P95, P99, CTE95");
        assertEquals(3, count("svg.gantt g.gantt-row"), "one row per engine");
        assertEquals(3, count("svg.gantt rect.chunk"), "one bar per chunk");
        int evaluations = summary.at("/engines/2/report/history").size();
        assertEquals(evaluations, count("svg.line-chart circle.objective-point"));
        assertEquals(evaluations, count("svg.line-chart circle.parameter-point"));
        assertEquals(2, count("svg.fan-chart polygon.band"));
        assertEquals(1, count("svg.fan-chart polyline.median"));
        assertEquals(5, count("svg.dag g.node"), "policies, esg, projection, solver, output");
        WebElement mean = browser.findElement(By.cssSelector("table.stats span[data-key='/statistics/mean_npv']"));
        assertEquals(String.format(Locale.ROOT, "%,.2f", run.valuation().orElseThrow().mean()), mean.getText());
        assertTrue(mean.isDisplayed());
        Path shot = screenshot("nested-esg-projection-solver.png");
        assertTrue(Files.size(shot) > 10_000, "a screenshot with something on it: " + shot);
    }

    @Test
    void aTenThousandScenarioReportIsUnderTwoMegabytesAndLoadsInUnderASecond() throws IOException {
        PipelineResult run = ReportPipelines.vasicek(dir.resolve("ten-thousand"), 10_000);
        assertEquals(10_000, run.valuation().orElseThrow().scenarioCount());
        Path html = run.writeReport(dir.resolve("ten-thousand/run.html"));
        long bytes = Files.size(html);
        assertTrue(bytes < 2_000_000, "report of 10,000 scenarios: " + bytes + " bytes");
        assertEquals(List.of(), open(html), "console errors");
        double loadMs = ((Number) ((JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;")).doubleValue();
        assertTrue(loadMs > 0 && loadMs < 1000, "loaded in " + loadMs + " ms");
        assertEquals(50, count("svg.histogram rect.bin"), "50 bins at most");
        assertEquals(2, count("svg.gantt g.gantt-row"));
        assertEquals(2, count("svg.fan-chart polygon.band"));
        screenshot("vasicek-10000-scenarios.png");
        Files.writeString(SHOTS.resolve("sizes-and-load-times.txt"), String.format(Locale.ROOT,
                "10,000-scenario report: %,d bytes, loaded in %.1f ms (navigation start to load event end)%n", bytes, loadMs),
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
