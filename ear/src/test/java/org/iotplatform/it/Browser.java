package org.iotplatform.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium, headless, driven by Debian's chromedriver (never a downloaded browser), for the dashboard tests. */
final class Browser implements AutoCloseable {

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path screenshots;

    Browser(int width, int height) throws Exception {
        screenshots = Path.of(System.getProperty("iot.test.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Signs in from the sign-in page the dashboard sends a new visitor to. */
    void signIn(String user, String password) {
        driver.get(Platform.BASE_URL + "/login");
        driver.manage().deleteAllCookies();
        driver.get(Platform.BASE_URL + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#username input")));
        username.clear();
        username.sendKeys(user);
        driver.findElement(By.cssSelector("#password input")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    /**
     * Signs in with a password that is right, and waits until the sign-in page is left: looking for
     * the next page's elements while the browser is still navigating fails with "aborted by navigation".
     */
    void signedIn(String user, String password) {
        signIn(user, password);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Scrolls the element to the middle of the window first: a long page may have it under the header or below. */
    void click(By locator) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(locator));
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
