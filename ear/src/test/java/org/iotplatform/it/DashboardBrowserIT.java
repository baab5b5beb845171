package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's Chromium, headless: sign in, see the shell, switch theme, sign out; a
 * device's page with its latest values changing live as the real device publishes.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardBrowserIT extends WithGateway {

    private static Browser chromium;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = new Browser(1400, 900);
        browser = chromium.driver;
        wait = chromium.wait;
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void screenshot(String name) throws Exception {
        chromium.screenshot(name);
    }

    @BeforeEach
    void freshSession() {
        browser.get(Platform.BASE_URL + "/login");
        browser.manage().deleteAllCookies();
    }

    /** Lumo's theme attribute, wherever Flow put it (the UI element is the page's body). */
    private static String pageTheme() {
        Object theme = ((JavascriptExecutor) browser)
                .executeScript(
                        "return document.documentElement.getAttribute('theme') || document.body.getAttribute('theme') || '';");
        return String.valueOf(theme);
    }

    private static void signIn(String user, String password) {
        chromium.signIn(user, password);
    }

    @Test
    void wrongPasswordKeepsYouOnTheSignInPage() throws Exception {
        signIn("admin", "certainly-not-it");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertEquals("Wrong username or password.", error.getText());
        assertTrue(browser.getCurrentUrl().contains("/login"));
        screenshot("login-failed");
    }

    @Test
    void signingInRotatesTheSessionIdSoAPlantedOneIsWorthless() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(Platform.BASE_URL + "/login");
        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#username input")));
        org.openqa.selenium.Cookie before = browser.manage().getCookieNamed("JSESSIONID");
        assertTrue(before != null, "the sign-in page has a session");
        username.sendKeys("admin");
        browser.findElement(By.cssSelector("#password input")).sendKeys(Platform.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        org.openqa.selenium.Cookie after = browser.manage().getCookieNamed("JSESSIONID");
        assertTrue(
                after != null && !after.getValue().equals(before.getValue()),
                "a session id known before sign-in must not be the signed-in session's");
        assertTrue(after.isHttpOnly(), "scripts cannot read the session cookie");
        assertEquals("Lax", after.getSameSite());
    }

    @Test
    void adminSignsInSeesTheShellSwitchesThemeAndSignsOut() throws Exception {
        chromium.signedIn("admin", Platform.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        WebElement who = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("current-operator")));
        assertEquals("admin · admin", who.getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("database-card"), "Hibernate ORM"));
        assertTrue(browser.findElement(By.id("navigation")).getText().contains("Operators"));
        screenshot("overview-light");

        browser.findElement(By.id("theme-toggle")).click();
        wait.until(d -> "dark".equals(pageTheme()));
        screenshot("overview-dark");
        browser.findElement(By.id("theme-toggle")).click();
        wait.until(d -> !"dark".equals(pageTheme()));

        browser.get(Platform.BASE_URL + "/operators");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operators-grid")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("operators-grid"), "admin"));
        screenshot("operators");

        // provision a device from the dashboard: its connection string is shown once
        String deviceId = "ui-pump-" + System.currentTimeMillis() % 100000;
        browser.get(Platform.BASE_URL + "/devices");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-device"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#new-device-id input")))
                .sendKeys(deviceId);
        browser.findElement(By.cssSelector("#new-device-tags input")).sendKeys("station=north;kind=pump");
        browser.findElement(By.id("create-device")).click();
        WebElement cs = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#connection-string textarea")));
        assertTrue(
                cs.getAttribute("value").startsWith("HostName=iothub.local;DeviceId=" + deviceId + ";SharedAccessKey="),
                cs.getAttribute("value"));
        screenshot("device-created");
        browser.findElement(By.id("connection-string-done")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#connection-string")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices-grid"), deviceId));
        screenshot("devices");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));

        // the old session is gone: protected pages send you back to sign in
        browser.get(Platform.BASE_URL + "/operators");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aDevicePageShowsItsLatestValuesAndUpdatesThemLive() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = DeviceRegistryIT.newId("ui-live");
        String key = DeviceRegistryIT.field(
                DeviceRegistryIT.create(id, "{\"station\":\"north\"}").body(), "primaryKey");
        MqttClient device = connectedDevice(id, key);
        publish(device, id, 1, "{\"temperature\":41.5,\"pressure\":2.25}");
        publish(device, id, 2, "not json");

        chromium.signedIn("admin", Platform.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        browser.get(Platform.BASE_URL + "/devices/" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-page")));
        assertEquals(id, browser.findElement(By.id("device-title")).getText());
        By temperature = By.cssSelector(".latest-value-card[data-metric='temperature'] .latest-value-value");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(temperature, "41.5"));
        assertTrue(browser.findElement(By.cssSelector("iot-chart#live-chart")).isDisplayed());
        assertTrue(
                browser.findElement(By.cssSelector("iot-chart#history-chart")).isDisplayed());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rejected-grid"), "not JSON"));

        // the device sends a new value: the page shows it without a reload (server push)
        publish(device, id, 3, "{\"temperature\":57.25,\"pressure\":2.5}");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(temperature, "57.25"));
        screenshot("device-page");
        device.disconnect();
        device.close();

        // a deep link survives a reload
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(temperature, "57.25"));
    }

    @Test
    void anOperatorInvokesAMethodAndChangesDesiredPropertiesOnTheDevicePage() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = DeviceRegistryIT.newId("ui-cmd");
        String key = DeviceRegistryIT.field(DeviceRegistryIT.create(id, "{}").body(), "primaryKey");
        MqttClient device = connectedDevice(id, key);
        java.util.List<String> desired = new java.util.concurrent.CopyOnWriteArrayList<>();
        device.subscribe(
                new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("$iothub/methods/POST/#", 1),
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("$iothub/twin/PATCH/properties/desired/#", 1)
                },
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, m) -> {
                        String rid = topic.substring(topic.indexOf("?$rid=") + 6);
                        MqttMessage answer = new MqttMessage("{\"speed\":1200}".getBytes(StandardCharsets.UTF_8));
                        answer.setQos(1);
                        new Thread(() -> {
                                    try {
                                        device.publish("$iothub/methods/res/200/?$rid=" + rid, answer);
                                    } catch (Exception e) {
                                        e.printStackTrace();
                                    }
                                })
                                .start();
                    },
                    (topic, m) -> desired.add(new String(m.getPayload(), StandardCharsets.UTF_8))
                });
        await(id + " connected", Duration.ofSeconds(15), () -> {
            try {
                return Platform.get("/api/v1/devices/" + id, Platform.basic("admin", Platform.ADMIN_PASSWORD))
                        .body()
                        .contains("\"connectionState\":\"connected\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        chromium.signedIn("admin", Platform.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        browser.get(Platform.BASE_URL + "/devices/" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-commands-section")));
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#method-name input")));
        name.sendKeys("setSpeed");
        WebElement payload = browser.findElement(By.cssSelector("#method-payload textarea"));
        payload.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "{\"rpm\":1200}");
        browser.findElement(By.id("method-invoke")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("method-result"), "status 200"));
        assertTrue(browser.findElement(By.id("method-result")).getText().contains("{\"speed\":1200}"));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("twin-versions"), "desired version 1"));
        WebElement editor = browser.findElement(By.cssSelector("#twin-desired textarea"));
        editor.sendKeys(
                org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                "{\"reportingIntervalSeconds\":10}");
        browser.findElement(By.id("twin-save")).click();
        wait.until(d -> !d.findElement(By.id("twin-result")).getText().isBlank());
        assertEquals("saved", browser.findElement(By.id("twin-result")).getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("twin-versions"), "desired version 2"));
        await(
                "the device is told",
                Duration.ofSeconds(15),
                () -> desired.stream().anyMatch(d -> d.contains("\"reportingIntervalSeconds\":10")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("command-history"), "setSpeed"));
        screenshot("device-commands");
        device.disconnect();
        device.close();
    }

    @Test
    void anAdminDefinesARouteAndABadConditionIsExplained() throws Exception {
        chromium.signedIn("admin", Platform.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
        browser.get(Platform.BASE_URL + "/routes");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-route"))).click();
        String name = "ui-route-" + System.currentTimeMillis() % 100000;
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#route-name input")))
                .sendKeys(name);
        browser.findElement(By.cssSelector("#route-condition input")).sendKeys("temperature >");
        browser.findElement(By.cssSelector("#route-target input"))
                .sendKeys("http://localhost:9/hooks/iot"); // test.sh allows webhooks to localhost only
        browser.findElement(By.id("save-route")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("route-form-error"), "ncomplete condition"));
        WebElement condition = browser.findElement(By.cssSelector("#route-condition input"));
        condition.sendKeys(" 80");
        browser.findElement(By.id("save-route")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("routes-grid"), name));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("routes-grid"), "temperature > 80"));
        screenshot("routes");
        assertEquals(
                204,
                Platform.send(Platform.request("/api/v1/routes/" + name)
                                .header("Authorization", Platform.basic("admin", Platform.ADMIN_PASSWORD))
                                .DELETE()
                                .build())
                        .statusCode());
    }

    private static void publish(MqttClient device, String id, int n, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=ui-" + n, m);
    }
}
