package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.console.support.Browser;
import io.stratus.console.support.BrowserConsoleTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * A server's scheduled termination and stop on its page, in a real browser: set "in N hours", shown
 * with its time, cancelled; each form answers with a redirect back to the page (so a refresh sends
 * nothing again); a malformed amount is the console's 400 page; a user who may only read servers is
 * offered no schedule. The Dispatcher carrying schedules out is tested on its own
 * (ScheduledServerActionsIT).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerScheduleIT extends BrowserConsoleTest {
  private static String serverUrl;
  private static long serverId;

  @BeforeAll
  static void startPlatform() throws Exception {
    start("schedule", SIMULATED);
    signInWithLocalAccount();
    serverUrl = launch("batch-1", null);
    serverId = Long.parseLong(serverUrl.replaceAll(".*/servers/", ""));
  }

  @Test
  @Order(1)
  void shouldScheduleATerminationAndAStopAndShowThem() throws Exception {
    browser.open(serverUrl);
    assertFalse(browser.has("#terminate-after"), "nothing scheduled yet");
    new Select(browser.find("#schedule-what")).selectByValue("terminate");
    browser.find("#schedule-amount").clear();
    browser.find("#schedule-amount").sendKeys("2");
    new Select(browser.find("#schedule-unit")).selectByValue("hours");
    browser.go("#schedule-submit");
    assertEquals(serverUrl, browser.driver().getCurrentUrl(), "back on the server's page");
    assertTrue(browser.text("#terminate-after").startsWith("Terminates at"));
    LocalDateTime due = column("terminate_after");
    LocalDateTime inTwoHours = LocalDateTime.now(ZoneOffset.UTC).plusHours(2);
    assertTrue(
        Duration.between(due, inTwoHours).abs().compareTo(Duration.ofMinutes(2)) < 0,
        due + " is two hours from now");

    new Select(browser.find("#schedule-what")).selectByValue("stop");
    browser.find("#schedule-amount").clear();
    browser.find("#schedule-amount").sendKeys("30");
    new Select(browser.find("#schedule-unit")).selectByValue("minutes");
    browser.go("#schedule-submit");
    assertTrue(browser.text("#pause-after").startsWith("Stops at"));
    browser.screenshot("30-server-schedule");

    // A refresh of the page after the form re-sends nothing: the answer was a redirect.
    browser.driver().navigate().refresh();
    assertEquals(
        1,
        fixture
            .jdbc()
            .sql(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'server.pause_after'"
                    + " AND resource_id = ?")
            .param(String.valueOf(serverId))
            .query(Integer.class)
            .single());
  }

  @Test
  @Order(2)
  void shouldCancelATermination() {
    browser.open(serverUrl);
    browser.go("#cancel-terminate");
    assertEquals(serverUrl, browser.driver().getCurrentUrl());
    assertFalse(browser.has("#terminate-after"));
    assertNull(column("terminate_after"));
    assertTrue(browser.has("#pause-after"), "the stop stays scheduled");
  }

  @Test
  @Order(3)
  void shouldRefuseAMalformedAmountWith400() {
    browser.open(serverUrl);
    browser
        .driver()
        .executeScript(
            "const a = document.querySelector('#schedule-amount');"
                + "a.removeAttribute('min'); a.type = 'text'; a.value = 'soon';");
    browser.go("#schedule-submit");
    assertTrue(
        browser.driver().getPageSource().contains("whole number"),
        browser.driver().getPageSource());
  }

  @Test
  @Order(4)
  void shouldOfferNoScheduleToAReader() throws Exception {
    String password = newReader("Reader", "reader@acme.example", java.util.List.of("server"));
    try (Browser reader = new Browser(1024, 900)) {
      reader.signIn(fixture.url(), "reader@acme.example", password);
      reader.open(serverUrl);
      assertTrue(reader.has("#pause-after"), "a reader sees what is scheduled");
      assertFalse(reader.has("#schedule-submit"), "but may not schedule");
      assertFalse(reader.has("#cancel-stop"), "nor cancel");
    }
  }

  private static LocalDateTime column(String name) {
    return fixture
        .jdbc()
        .sql("SELECT " + name + " FROM server WHERE id = ?")
        .param(serverId)
        .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
        .list()
        .get(0);
  }
}
