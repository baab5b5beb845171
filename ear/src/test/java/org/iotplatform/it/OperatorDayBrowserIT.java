package org.iotplatform.it;

import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The operator's day in Chromium: the fleet overview with a station's health colour, the station with
 * its pumps and schematic, a value changing live, drilling into a pump, the search box, deep links
 * that survive a reload, the vending machines to refill; and a viewer who sees no command controls.
 */
@ExtendWith(ArquillianExtension.class)
class OperatorDayBrowserIT extends WithGateway {

    private static Browser browser;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser(1440, 900);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String newOperator(String role) throws Exception {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        var created = sendJson(
                "POST",
                "/api/v1/operators",
                Platform.basic("admin", Platform.ADMIN_PASSWORD),
                "{\"username\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + role + "-password-123\"}");
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    private record Registered(String id, String key) {}

    private static Registered pump(String station, int position) throws Exception {
        String id = DeviceRegistryIT.newId(station + "-p" + position);
        var created = DeviceRegistryIT.create(
                id,
                "{\"station\":\"" + station + "\",\"position\":\"" + position + "\",\"kind\":\"pump\",\"area\":\""
                        + station + "-area\"}");
        assertEquals(201, created.statusCode(), created.body());
        return new Registered(id, DeviceRegistryIT.field(created.body(), "primaryKey"));
    }

    @Test
    void anOperatorOpensAStationSeesAValueChangeLiveAndDrillsIntoAPump() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String station = "st-" + UUID.randomUUID().toString().substring(0, 6);
        Registered first = pump(station, 1);
        String running = first.id();
        String away = pump(station, 2).id();
        MqttClient device = connectedDevice(running, first.key());
        publish(
                device,
                running,
                1,
                "{\"flow\":40.5,\"pressure\":3.2,\"temperature\":55.0,\"vibration\":1.2,\"speed\":1450,\"fault\":0}");

        browser.signedIn(newOperator("operator"), "operator-password-123");
        var wait = browser.wait;
        var driver = browser.driver;
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        wait.until(d -> !d.findElement(By.id("kpi-devices")).getText().equals("\u2026"));
        By tile = By.id("station-tile-" + station);
        wait.until(ExpectedConditions.visibilityOfElementLocated(tile));
        wait.until(ExpectedConditions.attributeToBe(tile, "data-health", "degraded")); // one of two pumps connected
        browser.screenshot("overview");

        browser.click(tile);
        wait.until(ExpectedConditions.urlContains("/stations/" + station));
        By flow = By.cssSelector("#pump-card-" + running + " [data-metric='flow']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(flow, "40.5 m\u00b3/h"));
        assertEquals("offline", driver.findElement(By.id("pump-card-" + away)).getAttribute("data-state"));
        assertEquals(
                "running", driver.findElement(By.id("pump-card-" + running)).getAttribute("data-state"));
        assertTrue(driver.findElement(By.cssSelector("#station-schematic")).isDisplayed());
        assertEquals(
                Boolean.TRUE,
                browser.script("return document.querySelector('#station-schematic') instanceof SVGSVGElement"),
                "the schematic is drawn as SVG, not shown as text");
        assertEquals(
                2,
                driver.findElements(By.cssSelector("#station-schematic .schematic-pump"))
                        .size());
        assertTrue(
                driver.findElements(By.cssSelector("#pump-card-" + running + " .pump-stop"))
                                .size()
                        == 1,
                "operators may stop a pump");

        // the pump sends new values: the card follows without a reload (server push)
        publish(
                device,
                running,
                2,
                "{\"flow\":62.5,\"pressure\":3.4,\"temperature\":56.0,\"vibration\":1.3,\"speed\":1500,\"fault\":0}");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(flow, "62.5 m\u00b3/h"));
        browser.screenshot("station");

        // the station's URL survives a reload
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(flow, "62.5 m\u00b3/h"));

        // drill into the pump
        browser.click(By.cssSelector("#pump-card-" + running + " .pump-card-link"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-page")));
        assertEquals(running, driver.findElement(By.id("device-title")).getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".latest-value-card[data-metric='flow'] .latest-value-value"), "62.5"));
        browser.screenshot("pump-page");

        // the search box, from anywhere: a station by its tag, then a device by its id
        WebElement search = driver.findElement(By.cssSelector("#global-search input"));
        search.sendKeys("station:" + station, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/stations/" + station));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pump-card-" + away)));
        driver.findElement(By.cssSelector("#global-search input")).sendKeys(away, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/devices/" + away));
        driver.findElement(By.cssSelector("#global-search input"))
                .sendKeys("station=" + station.substring(0, 5), Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/stations/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("station-state"))); // no such station: said so
        driver.findElement(By.cssSelector("#global-search input")).sendKeys("area:" + station + "-area", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/devices?tag=area"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices-grid"), running));
        device.disconnect();
        device.close();
    }

    @Test
    void theVendingViewListsMachinesThatNeedARefill() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = DeviceRegistryIT.newId("vm");
        var created = DeviceRegistryIT.create(id, "{\"kind\":\"vending\",\"site\":\"it-site\"}");
        assertEquals(201, created.statusCode(), created.body());
        MqttClient machine = connectedDevice(id, DeviceRegistryIT.field(created.body(), "primaryKey"));
        publish(machine, id, 1, "{\"stock1\":12,\"stock2\":2,\"stock3\":9,\"cabinetTemperature\":4.8,\"doorOpen\":0}");

        browser.signedIn(newOperator("operator"), "operator-password-123");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        browser.driver.get(Platform.BASE_URL + "/vending");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vending-grid"), id));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vending-grid"), "Refill slot 2"));
        browser.click(By.cssSelector("#vending-only-visits"));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vending-grid"), id));
        browser.screenshot("vending");
        machine.disconnect();
        machine.close();
    }

    @Test
    void aViewerSeesNoCommandOrAdminControls() throws Exception {
        String station = "st-" + UUID.randomUUID().toString().substring(0, 6);
        String pump = pump(station, 1).id();
        browser.signedIn(newOperator("viewer"), "viewer-password-123");
        var wait = browser.wait;
        var driver = browser.driver;
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        assertTrue(!driver.findElement(By.id("navigation")).getText().contains("Operators"), "no admin navigation");
        driver.get(Platform.BASE_URL + "/stations/" + station);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pump-card-" + pump)));
        assertEquals(
                0,
                driver.findElements(By.cssSelector(".pump-start, .pump-stop")).size(),
                "no pump commands for a viewer");
        browser.script("document.querySelector('#theme-toggle').click()");
        wait.until(
                d -> "dark"
                        .equals(
                                String.valueOf(
                                        browser.script(
                                                "return document.documentElement.getAttribute('theme') || document.body.getAttribute('theme') || '';"))));
        browser.screenshot("station-viewer-dark");
        driver.get(Platform.BASE_URL + "/devices/" + pump);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-commands-section")));
        assertEquals(0, driver.findElements(By.id("method-invoke")).size(), "no direct methods for a viewer");
        assertEquals(0, driver.findElements(By.id("twin-save")).size(), "no desired properties for a viewer");
        driver.get(Platform.BASE_URL + "/operators");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-denied")));
    }

    private static void publish(MqttClient device, String id, int n, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=day-" + n, m);
    }
}
