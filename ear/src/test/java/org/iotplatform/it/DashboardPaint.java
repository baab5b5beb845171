package org.iotplatform.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Dashboard benchmark (a benchmark, not a test): how long the home view and a station take to show
 * their figures in Chromium, against a running platform. For each page and round: first contentful
 * paint (the browser's own measure) and "ready" (the view's figures are on screen: the home view's
 * KPIs and station tiles, a station's pump cards), both from the start of navigation. Prints
 * {@code RESULT} lines with median and worst of the rounds.
 *
 * <pre>ear/bench/dashboard.sh   (registers 1,000 devices in 100 stations first)</pre>
 */
public final class DashboardPaint {

    private DashboardPaint() {}

    public static void main(String[] args) throws Exception {
        String station = args.length > 0 ? args[0] : "bench-st-001";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Browser browser = new Browser(1920, 1080)) {
            browser.signedIn("admin", Platform.ADMIN_PASSWORD);
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
            measure(
                    browser,
                    "home",
                    "/",
                    rounds,
                    () -> browser.wait.until(
                            d -> !d.findElement(By.id("kpi-devices")).getText().equals("\u2026")
                                    && !d.findElements(By.cssSelector("#station-tiles .station-tile"))
                                            .isEmpty()));
            System.out.println("stations on the home view: "
                    + browser.script("return document.querySelectorAll('#station-tiles .station-tile').length"));
            measure(
                    browser,
                    "station " + station,
                    "/stations/" + station,
                    rounds,
                    () -> browser.wait.until(
                            ExpectedConditions.attributeToBe(By.id("station"), "data-loaded", "true")));
        }
    }

    private static void measure(Browser browser, String page, String path, int rounds, Runnable ready) {
        List<Long> paints = new ArrayList<>();
        List<Long> readies = new ArrayList<>();
        for (int i = 0; i < rounds + 1; i++) {
            browser.driver.get(Platform.BASE_URL + path);
            ready.run();
            long readyMs = ((Number) browser.script("return Math.round(performance.now())")).longValue();
            Object fcp = browser.script("const e = performance.getEntriesByName('first-contentful-paint');"
                    + " return e.length ? Math.round(e[0].startTime) : -1");
            if (i == 0) {
                continue; // the first round warms the server's and the browser's caches
            }
            paints.add(((Number) fcp).longValue());
            readies.add(readyMs);
            System.out.printf(Locale.ROOT, "progress %s round=%d fcpMs=%s readyMs=%d%n", page, i, fcp, readyMs);
        }
        try {
            browser.screenshot("bench-" + path.replaceAll("[^A-Za-z0-9-]", "_"));
        } catch (Exception e) {
            System.out.println("no screenshot: " + e);
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT page=%s rounds=%d firstPaintMs p50=%d max=%d readyMs p50=%d max=%d%n",
                page,
                rounds,
                median(paints),
                Collections.max(paints),
                median(readies),
                Collections.max(readies));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
