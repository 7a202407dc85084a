package io.jobgrid.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium driven through chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver} packages (or {@code CHROME_BIN} / {@code CHROMEDRIVER}). When they are
 * missing the calling test is skipped, loudly: {@code .ci/run} installs them.
 */
public final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium, or skips the test when it or chromedriver is not installed. */
    public static Browser startOrSkip() {
        Path chromium = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        if (!present) {
            System.err.println("\n*** SKIPPING the dashboard's browser tests: " + chromium + " or " + chromedriver
                    + " is missing. Install them with `apt-get install -y chromium chromium-driver` (.ci/run does). ***\n");
        }
        assumeTrue(present, "chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Waits (explicitly, polling the page) until {@code condition} holds; live pages re-render, so an
     * element that went stale is looked up again. On a timeout, saves what the page showed.
     */
    public <T> T waitFor(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            Path shot = screenshot("timed-out-" + System.currentTimeMillis());
            throw new TimeoutException(e.getMessage() + "\nthe page showed (" + shot + "):\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the page shows now as {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
