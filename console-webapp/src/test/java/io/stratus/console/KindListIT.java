package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.resource.Field;
import io.stratus.common.resource.Filter;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.SortKey;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.support.Browser;
import io.stratus.console.support.ConsoleFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Every list the console draws from a kind's declaration, in a real browser over a whole platform,
 * with rows written straight into the tables (on an account the workers leave alone): the page
 * shows the declared columns; a name filter ignores case and takes {@code %} and {@code _}
 * literally; each declared sort key orders the rows either way, from the column headings too;
 * paging keeps the filters and the order; ended rows (terminated, deleted, released) are hidden
 * until asked for; a user whose right reaches only its own sees only its own; and a malformed
 * filter value is a 400 page, never a 500.
 */
class KindListIT {
  private static final int PAGE = 10;

  private static ConsoleFixture fixture;
  private static ConsoleFixture.Customer acme;
  private static Browser browser;
  private static long main;
  private static long other;
  private static long r1;
  private static long r2;
  private static long mine;
  private static String minePassword;

  /** By kind: the seeded rows' ids by name ("Alpha_1", "gone", "mine", …). */
  private static final Map<ConsoleKind, Map<String, Long>> rows = new HashMap<>();

  @BeforeAll
  static void startPlatform() throws Exception {
    fixture =
        ConsoleFixture.start(
            "kind-lists",
            "regions=sim-1\nregion.sim-1.mode=simulated\n",
            Map.of("console.page-size", Integer.toString(PAGE)));
    long cloud = fixture.defineLocalCloud();
    acme = fixture.newCustomer("acme");
    // Not active: the workers refresh no cache of these accounts, so the rows stay as written.
    main =
        insert(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status) VALUES (?, ?, 'main', 'pending')",
            acme.id(),
            cloud);
    other =
        insert(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status) VALUES (?, ?, 'other', 'pending')",
            acme.id(),
            cloud);
    r1 =
        insert(
            "INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name) VALUES (?, ?, 'r1', 'r1')",
            acme.id(),
            main);
    r2 =
        insert(
            "INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name) VALUES (?, ?, 'r2', 'r2')",
            acme.id(),
            other);

    long role =
        insert(
            "INSERT INTO role (customer_id, name, description) VALUES (?, 'Own', 'own only')",
            acme.id());
    for (ConsoleKind k : ConsoleKind.ALL) {
      fixture
          .jdbc()
          .sql(
              "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
                  + " VALUES (?, ?, ?, 'read', 'MINE')")
          .params(acme.id(), role, k.kind().right())
          .update();
    }
    minePassword = fixture.newUser(acme.id(), "mine@acme.example", "Own");
    mine =
        fixture
            .jdbc()
            .sql("SELECT id FROM user_account WHERE email = 'mine@acme.example'")
            .query(Long.class)
            .single();

    for (ConsoleKind k : ConsoleKind.ALL) {
      Map<String, Long> ids = new HashMap<>();
      // Inserted out of every order, so no order is the order of the ids.
      ids.put("beta", seed(k, "beta", 1, acme.userId(), false, r1));
      ids.put("Alpha_1", seed(k, "Alpha_1", 4, acme.userId(), false, r1));
      ids.put("ALPHA%2", seed(k, "ALPHA%2", 2, acme.userId(), false, r2));
      ids.put("alphaX1", seed(k, "alphaX1", 3, acme.userId(), false, r1));
      ids.put("gone", seed(k, "gone", 5, acme.userId(), true, r1));
      ids.put("mine", seed(k, "mine", 6, mine, false, r1));
      rows.put(k, ids);
    }
    for (int i = 0; i < 25; i++) {
      seed(
          ConsoleKind.VOLUME,
          String.format("bulk-%02d", (i * 7) % 25),
          7 + i,
          acme.userId(),
          false,
          r1);
    }
    browser = new Browser(1280, 900);
    browser.signIn(fixture.url(), acme.email(), acme.password());
  }

  @AfterAll
  static void stopPlatform() {
    if (browser != null) {
      browser.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private static long insert(String sql, Object... params) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    fixture.jdbc().sql(sql).params(params).update(key);
    return key.getKey().longValue();
  }

  /**
   * One row of the kind: {@code n} orders its size and its times, the address of an IP address and
   * its state (the first three of servers run, the rest are stopped).
   */
  private static long seed(
      ConsoleKind k, String name, int n, long owner, boolean ended, long region) {
    long account = region == r1 ? main : other;
    String when = java.time.LocalDateTime.of(2026, 3, 1, 10, 0).minusHours(n).toString();
    long customer = acme.id();
    return switch (k.kind().table()) {
      case "server" ->
          insert(
              "INSERT INTO server (customer_id, cloud_account_id, region_id, name, state,"
                  + " owner_user_id, public_ip, launched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              customer,
              account,
              region,
              name,
              ended ? "terminated" : n <= 3 ? "running" : "stopped",
              owner,
              "192.0.2." + n,
              when);
      case "machine_image" ->
          insert(
              "INSERT INTO machine_image (customer_id, cloud_account_id, region_id,"
                  + " provider_image_id, name, platform, state, owner_user_id, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, 'linux', ?, ?, ?)",
              customer,
              account,
              region,
              "img-" + name,
              name,
              ended ? "deleted" : "active",
              owner,
              when);
      case "volume" ->
          insert(
              "INSERT INTO volume (customer_id, cloud_account_id, region_id, name, size_gb,"
                  + " state, owner_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              customer,
              account,
              region,
              name,
              n,
              ended ? "deleted" : "available",
              owner,
              when);
      case "snapshot" ->
          insert(
              "INSERT INTO snapshot (customer_id, cloud_account_id, region_id, name, size_gb,"
                  + " state, owner_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              customer,
              account,
              region,
              name,
              n,
              ended ? "deleted" : "available",
              owner,
              when);
      case "ip_address" ->
          insert(
              "INSERT INTO ip_address (customer_id, cloud_account_id, region_id, address, state,"
                  + " owner_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              customer,
              account,
              region,
              "203.0.113." + (50 - n),
              ended ? "released" : "available",
              owner,
              when);
      case "firewall" ->
          insert(
              "INSERT INTO firewall (customer_id, cloud_account_id, region_id, name, state,"
                  + " owner_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              customer,
              account,
              region,
              name,
              ended ? "deleted" : "active",
              owner,
              when);
      default -> throw new IllegalArgumentException(k.kind().table());
    };
  }

  /** The ids of the rows the open page lists, in order. */
  private static List<Long> listed(Browser b, ConsoleKind k) {
    List<Long> ids = new ArrayList<>();
    for (WebElement tr :
        b.driver().findElements(By.cssSelector("#" + k.stem() + "-list tbody tr"))) {
      ids.add(Long.parseLong(tr.getAttribute("id").substring(k.stem().length() + 1)));
    }
    return ids;
  }

  private static List<Long> open(ConsoleKind k, String query) {
    browser.open(fixture.url() + k.path() + (query.isEmpty() ? "" : "?" + query));
    return listed(browser, k);
  }

  private static Set<Long> ids(ConsoleKind k, String... names) {
    Set<Long> ids = new HashSet<>();
    for (String name : names) {
      ids.add(rows.get(k).get(name));
    }
    return ids;
  }

  private static String textParam(ResourceKind kind) {
    return kind.filters().stream()
        .filter(f -> f.type() == Filter.Type.TEXT && f.consoleParam() != null)
        .map(Filter::consoleParam)
        .findFirst()
        .orElse(null);
  }

  @Test
  void shouldShowEveryKindsDeclaredColumns() throws Exception {
    for (ConsoleKind k : ConsoleKind.ALL) {
      open(k, "");
      List<String> headings = new ArrayList<>();
      for (WebElement th :
          browser.driver().findElements(By.cssSelector("#" + k.stem() + "-list thead th"))) {
        headings.add(th.getText());
      }
      List<String> labels =
          k.kind().fields().stream().map(Field::label).filter(l -> l != null).toList();
      assertEquals(labels, headings.subList(0, labels.size()), k.path());
      assertFalse(listed(browser, k).isEmpty(), k.path());
      browser.screenshot("30-list-" + k.stem());
    }
  }

  @Test
  void shouldMatchANameIgnoringCaseWithPercentAndUnderscoreTakenLiterally() {
    int checked = 0;
    for (ConsoleKind k : ConsoleKind.ALL) {
      String param = textParam(k.kind());
      if (param == null) {
        continue;
      }
      checked++;
      assertEquals(ids(k, "Alpha_1"), new HashSet<>(open(k, param + "=alpha_")), k.path());
      assertEquals(ids(k, "ALPHA%2"), new HashSet<>(open(k, param + "=" + enc("a%2"))), k.path());
      assertEquals(
          ids(k, "Alpha_1", "ALPHA%2", "alphaX1"),
          new HashSet<>(open(k, param + "=" + enc("ALPHA"))),
          k.path());
      assertTrue(open(k, param + "=zzz").isEmpty(), k.path());
      assertTrue(browser.text("#" + k.stem() + "-none").equals("No " + k.plural() + " match."));
    }
    assertTrue(checked >= 5, "servers, images, volumes, snapshots and firewalls filter by name");

    // Through the form, as a person would.
    browser.open(fixture.url() + "/volumes");
    browser.find("#filter-name").sendKeys("ALPHA_");
    browser.go("#filter");
    assertEquals(
        ids(ConsoleKind.VOLUME, "Alpha_1"), new HashSet<>(listed(browser, ConsoleKind.VOLUME)));
  }

  @Test
  void shouldSortByEachDeclaredKeyBothWaysWithTheIdBreakingTies() {
    for (ConsoleKind k : ConsoleKind.ALL) {
      ResourceKind kind = k.kind();
      assertFalse(kind.sorts().isEmpty(), k.path());
      for (SortKey key : kind.sorts()) {
        for (String dir : List.of("asc", "desc")) {
          List<Long> expected =
              fixture
                  .jdbc()
                  .sql(
                      "SELECT "
                          + kind.idSql()
                          + " FROM "
                          + kind.table()
                          + " "
                          + kind.alias()
                          + " WHERE "
                          + kind.alias()
                          + ".customer_id = ? AND ("
                          + kind.ended()
                          + ") IS NOT TRUE ORDER BY "
                          + key.sql()
                          + " "
                          + dir
                          + ", "
                          + kind.idSql()
                          + " "
                          + dir
                          + " LIMIT "
                          + PAGE)
                  .param(acme.id())
                  .query(Long.class)
                  .list();
          assertEquals(
              expected,
              open(k, "sort=" + key.key() + "&dir=" + dir),
              k.path() + " " + key.key() + " " + dir);
        }
      }
    }
    // The heading sorts ascending, then, clicked again, descending.
    ConsoleKind k = ConsoleKind.SNAPSHOT;
    browser.open(fixture.url() + "/snapshots");
    browser.go("#snapshot-list thead a[href*='sort=size']");
    List<Long> ascending = listed(browser, k);
    assertEquals(
        "ascending", browser.find("#snapshot-list thead th[aria-sort]").getAttribute("aria-sort"));
    browser.go("#snapshot-list thead a[href*='sort=size']");
    List<Long> descending = listed(browser, k);
    assertEquals(
        "descending", browser.find("#snapshot-list thead th[aria-sort]").getAttribute("aria-sort"));
    assertEquals(ids(k, "beta"), Set.of(ascending.get(0)), "the smallest first");
    assertEquals(ids(k, "mine"), Set.of(descending.get(0)), "the largest first");
  }

  @Test
  void shouldKeepFiltersAndOrderFromPageToPage() {
    ConsoleKind k = ConsoleKind.VOLUME;
    List<Long> first = open(k, "name=BULK&sort=name&dir=desc&account=" + main);
    List<Long> all =
        fixture
            .jdbc()
            .sql(
                "SELECT id FROM volume WHERE customer_id = ? AND name LIKE 'bulk-%'"
                    + " ORDER BY name DESC, id DESC")
            .param(acme.id())
            .query(Long.class)
            .list();
    assertEquals(all.subList(0, PAGE), first);
    browser.go("a[rel=next]");
    String url = browser.driver().getCurrentUrl();
    assertTrue(
        url.contains("name=BULK")
            && url.contains("sort=name")
            && url.contains("dir=desc")
            && url.contains("account=" + main)
            && url.contains("page=1"),
        url);
    assertEquals(all.subList(PAGE, 2 * PAGE), listed(browser, k));
    browser.go("a[rel=next]");
    assertEquals(all.subList(2 * PAGE, all.size()), listed(browser, k));
    assertFalse(browser.has("a[rel=next]"), "the last page");
    browser.go("a[rel=prev]");
    assertEquals(all.subList(PAGE, 2 * PAGE), listed(browser, k));
  }

  @Test
  void shouldHideEndedRowsOfEveryKindUntilAskedFor() {
    for (ConsoleKind k : ConsoleKind.ALL) {
      long gone = rows.get(k).get("gone");
      String narrow = k.kind().table().equals("ip_address") ? "" : textParam(k.kind()) + "=gone&";
      assertFalse(
          open(k, narrow.isEmpty() ? "sort=" + k.kind().sorts().get(0).key() + "&dir=desc" : narrow)
              .contains(gone),
          k.path() + " hides it");
      List<Long> shown =
          open(
              k,
              (narrow.isEmpty() ? "sort=" + k.kind().sorts().get(0).key() + "&dir=desc&" : narrow)
                  + "ended=1");
      assertTrue(shown.contains(gone), k.path() + " shows it when asked");
    }
    // Through the form.
    browser.open(fixture.url() + "/ip-addresses");
    assertFalse(
        listed(browser, ConsoleKind.IP_ADDRESS)
            .contains(rows.get(ConsoleKind.IP_ADDRESS).get("gone")));
    browser.find("#filter-ended").click();
    browser.go("#filter");
    assertTrue(browser.driver().getCurrentUrl().contains("ended=1"));
    assertEquals(
        "released", browser.text("#ip-state-" + rows.get(ConsoleKind.IP_ADDRESS).get("gone")));
  }

  @Test
  void shouldShowAUserWhoseRightReachesItsOwnOnlyItsOwn() throws Exception {
    try (Browser own = new Browser(1024, 768)) {
      own.signIn(fixture.url(), "mine@acme.example", minePassword);
      for (ConsoleKind k : ConsoleKind.ALL) {
        own.open(fixture.url() + k.path() + "?ended=1");
        Set<Long> seen = new HashSet<>(listed(own, k));
        assertEquals(ids(k, "mine"), seen, k.path());
      }
    }
  }

  @Test
  void shouldAnswerAMalformedFilterWith400() {
    browser.open(fixture.url() + "/servers");
    for (String query :
        List.of(
            "/volumes?account=abc",
            "/volumes?region=-3",
            "/servers?sort=bogus",
            "/snapshots?dir=sideways",
            "/images?page=x",
            "/servers?state=" + enc("running' OR '1'='1"),
            "/firewalls?ended=maybe",
            "/servers?name=" + "x".repeat(201))) {
      Object status =
          browser
              .driver()
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t)),"
                      + " e => done(String(e)));",
                  query);
      String answer = String.valueOf(status);
      assertTrue(
          answer.startsWith("400 "),
          query + " → " + answer.substring(0, Math.min(200, answer.length())));
      assertTrue(answer.contains("Cannot do that"), query + ": the console's own page");
    }
    // A state filter takes what the select offers.
    List<Long> stopped = open(ConsoleKind.SERVER, "state=stopped");
    assertEquals(ids(ConsoleKind.SERVER, "Alpha_1", "mine"), new HashSet<>(stopped));
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
