package io.stratus.console.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (no download: Selenium Manager
 * is never asked), with a fresh profile each time. Screenshots go to {@code target/screenshots},
 * kept by the build for reviewers.
 */
public final class Browser implements AutoCloseable {
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  public Browser(int width, int height) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver: run .ci/install-deps.sh");
    }
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    // The console presents the installation's own CA's certificate.
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    // Pages render on the server: an element missing after 3 s is missing.
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Signs in on the console at {@code consoleUrl}; the page it lands on is open afterwards. */
  public void signIn(String consoleUrl, String email, String password) {
    open(consoleUrl + "/signin");
    find("#email").clear();
    find("#email").sendKeys(email);
    find("#password").sendKeys(password);
    go("#signin");
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Clicks what leads to another page and waits until that page has replaced this one. */
  public void go(String css) {
    WebElement element = find(css);
    element.click();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(element));
    wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
  }

  public boolean has(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  /** The element's text; when it is missing, fails saying what the page shows instead. */
  public String text(String css) {
    var found = driver.findElements(By.cssSelector(css));
    if (found.isEmpty()) {
      String page = driver.findElement(By.tagName("body")).getText();
      throw new AssertionError(
          "no "
              + css
              + " at "
              + driver.getCurrentUrl()
              + "; the page says: "
              + page.substring(0, Math.min(800, page.length())));
    }
    return found.get(0).getText();
  }

  /** Waits until the element's text is one of {@code expected}; returns it. */
  public String awaitText(String css, Duration limit, String... expected) {
    try {
      return awaitTextOrFail(css, limit, expected);
    } catch (org.openqa.selenium.TimeoutException e) {
      String page = driver.findElement(By.tagName("body")).getText();
      throw new AssertionError(
          "waited "
              + limit
              + " for "
              + css
              + " to read one of "
              + java.util.Arrays.toString(expected)
              + " at "
              + driver.getCurrentUrl()
              + "; the page says: "
              + page.substring(0, Math.min(800, page.length())));
    }
  }

  private String awaitTextOrFail(String css, Duration limit, String... expected) {
    // htmx swaps the polled element every second: one read may find it just replaced.
    return new WebDriverWait(driver, limit)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              var found = d.findElements(By.cssSelector(css));
              if (found.isEmpty()) {
                return null;
              }
              String text = found.get(0).getText().strip();
              for (String e : expected) {
                if (text.equals(e)) {
                  return text;
                }
              }
              return null;
            });
  }

  public WebDriver.Options manage() {
    return driver.manage();
  }

  /** Saves a screenshot of the page as {@code target/screenshots/<name>.png}. */
  public void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile harms nothing
      }
    }
  }
}
