package org.shakenpki.it;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium, driven by its own chromedriver through Selenium WebDriver, on the console as an
 * operator uses it: type into labelled fields, press buttons, read the page. It never reaches beyond loopback:
 * background services are off and every other address goes to a closed local proxy port.
 */
final class ConsoleBrowser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** In this IT's port range and never listened on: where any non-loopback request of the browser ends. */
    private static final String DEAD_PROXY = "127.0.0.1:18569";

    private final ChromeDriver driver;
    private final URI base;
    private final Path screenshots;

    private ConsoleBrowser(ChromeDriver driver, URI base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
    }

    static ConsoleBrowser open(URI base) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--metrics-recording-only", "--dns-prefetch-disable",
                "--proxy-server=" + DEAD_PROXY);
        // the server's TLS certificate is the test's own self-signed one
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        Path shots = Path.of(System.getProperty("it.screenshots.dir", "target/console-screenshots"));
        Files.createDirectories(shots);
        return new ConsoleBrowser(new ChromeDriver(service, options), base, shots);
    }

    void get(String path) {
        driver.get(base.resolve(path).toString());
    }

    void login(String userId, String password) {
        get("console/login.xhtml");
        type("login:userId", userId);
        type("login:password", password);
        press("login:submit");
    }

    void logout() {
        press("logout:logout");
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Types into the field (its id ends with {@code :field}) of the table row that has a cell reading {@code cell}. */
    void typeInRow(String cell, String field, String text) {
        WebElement input = driver.findElement(By.xpath("//tr[td[normalize-space()=\"" + cell + "\"]]//input[substring(@id,"
                + " string-length(@id) - " + field.length() + ") = \":" + field + "\"]"));
        input.clear();
        input.sendKeys(text);
    }

    void choose(String id, String visibleText) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
    }

    void upload(String id, Path file) {
        driver.findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
    }

    void check(String id) {
        WebElement box = driver.findElement(By.id(id));
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** Presses the button with this id and waits for the page it leads to. */
    void press(String id) {
        submit(driver.findElement(By.id(id)));
    }

    /** Presses the button labelled so (a row's button in a table) and waits for the next page. */
    void pressLabelled(String label) {
        submit(driver.findElement(By.xpath("//input[@type='submit' and @value=\"" + label + "\"]")));
    }

    private void submit(WebElement button) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(driver, WAIT).until(d -> gone(page));
    }

    /** Whether the page an element belonged to has been replaced (Chrome may say so in more than one way). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    /** The messages the last action left (what was done, or why it was refused). */
    String messages() {
        return driver.findElements(By.cssSelector(".messages")).stream().map(WebElement::getText)
                .reduce("", String::concat);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    String title() {
        return driver.getTitle();
    }

    String source() {
        return driver.getPageSource();
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    /** The view state a form of the current page carries (what a genuine postback sends back). */
    String viewState(String formId) {
        return driver.findElement(By.cssSelector("form[id='" + formId + "'] input[name='jakarta.faces.ViewState']"))
                .getAttribute("value");
    }

    /** The console session cookie, to replay it from a plain HTTP client. */
    String sessionCookie() {
        return driver.manage().getCookieNamed("JSESSIONID").getValue();
    }

    /** The ids of the page's form fields that no {@code <label for>} names (a screen reader could not name them). */
    java.util.List<String> unlabelledFields() {
        return driver.findElements(By.cssSelector("input:not([type=hidden]):not([type=submit]), select, textarea")).stream()
                .map(field -> field.getAttribute("id"))
                .filter(id -> id == null || driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                .toList();
    }

    void screenshot(String name) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
