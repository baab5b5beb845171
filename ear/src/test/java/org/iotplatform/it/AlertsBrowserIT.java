package org.iotplatform.it;

import static org.iotplatform.it.AlertsIT.body;
import static org.iotplatform.it.AlertsIT.number;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Alerts in Chromium: an admin defines a rule in the Rules view, a device sends a hot reading, the
 * alert appears in the open Alerts view by push (no Refresh pressed) and with its severity badge; an operator acknowledges, comments and
 * takes it; a viewer reads it without controls; the admin deletes the rule after a confirmation.
 */
@ExtendWith(ArquillianExtension.class)
class AlertsBrowserIT extends WithGateway {

    private static Browser browser;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser(1600, 1000);
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

    @Test
    void anAdminsRuleRaisesAnAlertThatAnOperatorAcknowledgesCommentsAndTakesAndAViewerOnlyReads() throws Exception {
        awaitIngress(Duration.ofSeconds(60));
        String id = DeviceRegistryIT.newId("hot");
        var registered = DeviceRegistryIT.create(id, "{\"kind\":\"pump\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        String key = DeviceRegistryIT.field(registered.body(), "primaryKey");
        String operator = newOperator("operator");
        String viewer = newOperator("viewer");
        String rule = "ui-hot-" + UUID.randomUUID().toString().substring(0, 6);
        var wait = browser.wait;
        var driver = browser.driver;

        // the admin defines the rule; a bad condition is explained in the form first
        signedIn("admin", Platform.ADMIN_PASSWORD);
        driver.get(Platform.BASE_URL + "/rules");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rules-view")));
        browser.click(By.id("rule-new"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rule-name input")))
                .sendKeys(rule);
        driver.findElement(By.cssSelector("#rule-devices-value input")).sendKeys(id);
        driver.findElement(By.cssSelector("#rule-condition input")).sendKeys("temperature >");
        browser.click(By.id("rule-save"));
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rule-form-error"), "ondition"));
        } catch (RuntimeException e) {
            browser.screenshot("rule-form-error");
            throw new AssertionError("the form shows no reason; the page: " + driver.getPageSource(), e);
        }
        driver.findElement(By.cssSelector("#rule-condition input")).sendKeys(" 80");
        browser.click(By.id("rule-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), rule));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), "temperature > 80"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), "device " + id));
        browser.screenshot("rules");

        // the Alerts view is open, filtered to the device, when it runs hot
        driver.get(Platform.BASE_URL + "/alerts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alerts-view")));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#alert-filter-device input")))
                .sendKeys(id);
        MqttClient device = connectedDevice(id, key);
        MqttMessage hot = new MqttMessage("{\"temperature\":91.5}".getBytes(StandardCharsets.UTF_8));
        hot.setQos(1);
        device.publish("devices/" + id + "/messages/events/$.mid=ui-hot-1", hot);
        await(
                "the rule raises an alert",
                Duration.ofSeconds(60),
                () -> body("/api/v1/alerts?deviceId=" + id).contains("\"state\":\"open\""));
        long ruleId = number(body("/api/v1/alerts?deviceId=" + id), "ruleId");
        // pushed to the open view: well within its 30 s fallback poll, and nobody pressed Refresh
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts-grid"), rule));
        } catch (RuntimeException e) {
            browser.screenshot("alerts-not-pushed");
            throw new AssertionError("the raised alert did not appear in the open Alerts view by push", e);
        }

        // the overview counts it among the active major alerts, the device's page lists it
        driver.get(Platform.BASE_URL + "/");
        wait.until(d -> d.findElement(By.id("kpi-alerts-major")).getText().matches("[1-9][0-9,]*"));
        driver.get(Platform.BASE_URL + "/devices/" + id);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-alerts"), rule));

        // an operator finds it, worst first, with its severity badge, and works on it
        signedIn(operator, "operator-password-123");
        openAlertOf(id, rule);
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alerts-grid .severity-badge[data-severity='major']")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alert-badges .alert-state-badge[data-state='open']")));
        browser.click(By.id("alert-ack"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alert-badges .alert-state-badge[data-state='acknowledged']")));

        WebElement comment =
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#alert-comment-text textarea")));
        comment.sendKeys("bearing checked");
        browser.click(By.id("alert-comment"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert-history"), "bearing checked"));

        // the list of operators is read in the background: choose again until the combo box has it
        wait.until(d -> {
            WebElement input = d.findElement(By.cssSelector("#alert-assignee input"));
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            input.sendKeys(operator, Keys.ENTER);
            // the client-side value is an item key; the chosen item's label is the username
            return operator.equals(
                    browser.script(
                            "const c = document.querySelector('#alert-assignee'); return c.selectedItem ? c.selectedItem.label : null"));
        });
        browser.click(By.id("alert-assign"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("alert-assigned"), "Assigned to " + operator));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert-history"), "to " + operator));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alerts-grid .alert-state-badge[data-state='acknowledged']")));
        browser.screenshot("alerts-operator");
        String stored = body("/api/v1/alerts?deviceId=" + id);
        assertTrue(
                stored.contains("\"state\":\"acknowledged\"") && stored.contains("\"assignedTo\":\"" + operator + "\""),
                stored);

        // a viewer reads the alert and its history, and has nothing to press
        signedIn(viewer, "viewer-password-123");
        openAlertOf(id, rule);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert-history"), "bearing checked"));
        assertEquals(0, driver.findElements(By.id("alert-ack")).size(), "no acknowledge for a viewer");
        assertEquals(0, driver.findElements(By.id("alert-comment")).size(), "no comment for a viewer");
        driver.get(Platform.BASE_URL + "/rules");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), rule));
        assertEquals(0, driver.findElements(By.id("rule-new")).size(), "no new rule for a viewer");
        assertEquals(0, driver.findElements(By.id("rule-delete-" + ruleId)).size(), "no delete for a viewer");

        // the admin deletes the rule after confirming; its alert is cleared with it
        signedIn("admin", Platform.ADMIN_PASSWORD);
        driver.get(Platform.BASE_URL + "/rules");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), rule));
        browser.click(By.id("rule-delete-" + ruleId));
        browser.click(By.id("rule-delete-confirm"));
        wait.until(
                ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-grid"), rule)));
        await(
                "the deleted rule's alert is cleared",
                Duration.ofSeconds(30),
                () -> body("/api/v1/alerts?deviceId=" + id).contains("\"state\":\"cleared\""));
        device.disconnect();
        device.close();
    }

    private static void signedIn(String user, String password) {
        browser.signedIn(user, password);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
    }

    /** Opens the Alerts view filtered to the device and selects its alert (by the rule's cell, not the device link). */
    private static void openAlertOf(String deviceId, String rule) {
        var wait = browser.wait;
        browser.driver.get(Platform.BASE_URL + "/alerts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alerts-view")));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#alert-filter-device input")))
                .sendKeys(deviceId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts-grid"), deviceId));
        browser.click(By.xpath(
                "//vaadin-grid[@id='alerts-grid']/vaadin-grid-cell-content[normalize-space(.)='" + rule + "']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert-details-title"), rule));
    }
}
