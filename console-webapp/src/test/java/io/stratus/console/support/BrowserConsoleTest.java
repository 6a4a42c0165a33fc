package io.stratus.console.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * What the console's browser tests start from: the console over a whole real platform with the
 * local cloud in the catalogue, the customer acme made by {@code stratus-admin}, and a browser, all
 * closed after the class. A test class calls {@link #start} from its {@code @BeforeAll}; test
 * classes run one at a time, so the fields are theirs while they run.
 */
public abstract class BrowserConsoleTest {
  /** A local cloud whose one region simulates its VMs (records, no processes). */
  protected static final String SIMULATED = "regions=sim-1\nregion.sim-1.mode=simulated\n";

  /** A local cloud whose one region runs each VM as a real process. */
  protected static final String PROCESSES = "regions=local-1\nregion.local-1.mode=process\n";

  /** How long a job may take on a loaded machine. */
  protected static final Duration JOB_LIMIT = Duration.ofSeconds(90);

  protected static ConsoleFixture fixture;
  protected static ConsoleFixture.Customer acme;
  protected static Browser browser;

  /** Starts the platform and console, puts the local cloud in the catalogue, makes acme. */
  protected static void start(String purpose, String cloudConfig) throws IOException {
    fixture = ConsoleFixture.start(purpose, cloudConfig, Map.of());
    fixture.defineLocalCloud();
    acme = fixture.newCustomer("acme");
    browser = new Browser(1280, 900);
  }

  /** Signs acme in and registers its account on the local cloud through the console's form. */
  protected static void signInWithLocalAccount() throws IOException {
    browser.signIn(fixture.url(), acme.email(), acme.password());
    fixture.addLocalAccount(browser, "local");
    awaitJob();
  }

  /** Waits for the job page the last form led to, and for its job to complete. */
  protected static void awaitJob() {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(ExpectedConditions.urlMatches(".*/jobs/\\d+$"));
    String status = browser.awaitText("#job-status", JOB_LIMIT, "COMPLETE", "ERROR");
    assertEquals("COMPLETE", status, () -> browser.text("#job-message"));
  }

  /**
   * Launches a server through the wizard (first region, image and product, the data centre left to
   * the cloud) and waits for the launch; returns the server page's address.
   *
   * @param description typed into the form when not null
   */
  protected static String launch(String name, String description) throws IOException {
    browser.open(fixture.url() + "/servers/launch");
    browser.go("#next");
    browser.go("#next");
    new Select(browser.find("#dataCenter")).selectByValue(""); // let the cloud choose
    new Select(browser.find("#image")).selectByIndex(0);
    new Select(browser.find("#product")).selectByIndex(0);
    browser.find("#name").sendKeys(name);
    if (description != null) {
      browser.find("#description").sendKeys(description);
    }
    browser.go("#launch-submit");
    awaitJob();
    browser.go("dl.facts a");
    return browser.driver().getCurrentUrl();
  }

  /**
   * Makes a user of acme whose only role, {@code role}, reads each of {@code resources} (any row);
   * returns the user's password.
   */
  protected static String newReader(String role, String email, List<String> resources) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    fixture
        .jdbc()
        .sql("INSERT INTO role (customer_id, name, description) VALUES (?, ?, 'reads')")
        .params(acme.id(), role)
        .update(key);
    long roleId = key.getKey().longValue();
    for (String resource : resources) {
      fixture
          .jdbc()
          .sql(
              "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
                  + " VALUES (?, ?, ?, 'read', 'ANY')")
          .params(acme.id(), roleId, resource)
          .update();
    }
    return fixture.newUser(acme.id(), email, role);
  }

  @AfterAll
  public static void closeConsole() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (fixture != null) {
      fixture.close();
      fixture = null;
    }
    acme = null;
  }
}
