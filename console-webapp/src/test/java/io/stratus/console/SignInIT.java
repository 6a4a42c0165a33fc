package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stratus.console.support.Browser;
import io.stratus.console.support.ConsoleFixture;
import io.stratus.console.support.RawHttps;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Sign-in as a person and as an attacker meet it, over real HTTP on the port the console really
 * listens on (8080, the default, when it is free: the port Spring Security's default port mapper
 * used to turn into 8443): a signed-out visit to {@code /} reaches sign-in at the same origin and
 * every redirect keeps it, whatever {@code Host} or forwarded header a client sends (forwarded
 * headers count only from the configured proxy, 127.0.0.2 here); a failed, locked-out or
 * unknown-e-mail sign-in leaves no trace of its password in the session tables and says the same
 * words; a malformed CSRF token is a 403 page with no stack trace logged; a common password is
 * refused. Two browser walks start where a person starts: at {@code /}, signed out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInIT {
  private static final String PROXY = "127.0.0.2";

  private static ConsoleFixture fixture;
  private static ConsoleFixture.Customer acme;
  private static SSLContext tls;
  private static int port;

  @BeforeAll
  static void startPlatform() throws Exception {
    port = portFree(ConsoleSettings.PORT) ? ConsoleSettings.PORT : 0;
    if (port == 0) {
      System.err.println(
          "SignInIT: port 8080 is in use; the console listens on a free port instead");
    }
    fixture =
        ConsoleFixture.start(
            "signin",
            "regions=local-1\nregion.local-1.mode=process\n",
            Map.of(
                "server.port",
                Integer.toString(port),
                "session.idle-timeout",
                "1m",
                "proxy.trusted",
                PROXY));
    acme = fixture.newCustomer("acme");
    tls = fixture.platform().km().tls("dispatcher").sslContext();
    port = URI.create(fixture.url()).getPort();
  }

  @AfterAll
  static void stopPlatform() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static boolean portFree(int candidate) {
    try (ServerSocket socket = new ServerSocket(candidate)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static RawHttps client() {
    return new RawHttps(tls, port, null);
  }

  /** Where a browser that asked {@code https://127.0.0.1:<port>/} goes after this Location. */
  private static URI resolved(String location) {
    assertNotNull(location, "a redirect has a Location");
    return URI.create(fixture.url() + "/").resolve(location);
  }

  private static void assertSameOrigin(String location, String path) {
    URI target = resolved(location);
    assertEquals("https", target.getScheme(), location);
    assertEquals("127.0.0.1", target.getHost(), location);
    assertEquals(port, target.getPort(), location);
    assertEquals(path, target.getPath(), location);
  }

  /** One sign-in attempt as a browser makes it: the form's page, then its POST. */
  private static RawHttps.Response signIn(RawHttps http, String email, String password)
      throws IOException {
    RawHttps.Response form = http.get("/signin");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("email", email);
    fields.put("password", password);
    fields.put("_csrf", form.csrf());
    return http.postForm("/signin", fields, Map.of());
  }

  /** The message the sign-in page shows after a failed attempt. */
  private static String refusal(RawHttps http, String email, String password) throws IOException {
    RawHttps.Response answer = signIn(http, email, password);
    assertEquals(302, answer.status(), answer.body());
    assertSameOrigin(answer.location(), "/signin");
    URI target = resolved(answer.location());
    RawHttps.Response page =
        http.get(
            target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    return page.alert();
  }

  @Test
  @Order(1)
  void shouldSendASignedOutVisitorToSignInOnTheSameOrigin() throws Exception {
    RawHttps.Response root = client().get("/");
    assertEquals(302, root.status());
    assertSameOrigin(root.location(), "/signin");

    RawHttps.Response deep = client().get("/servers?page=2");
    assertEquals(302, deep.status());
    assertSameOrigin(deep.location(), "/signin");
  }

  @Test
  @Order(2)
  void shouldNeverReflectTheHostHeaderOrAnUntrustedForwardedHeader() throws Exception {
    List<Map<String, String>> forged =
        List.of(
            Map.of("Host", "evil.example:" + port),
            Map.of("Host", "evil.example"),
            Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http"),
            Map.of("X-Forwarded-Port", "8443", "X-Forwarded-Proto", "http"),
            Map.of("Forwarded", "host=evil.example;proto=http"));
    for (Map<String, String> headers : forged) {
      for (String path : List.of("/", "/servers", "/signin?x")) {
        RawHttps.Response answer = client().send("GET", path, headers, null);
        if (answer.status() == 302) {
          String location = answer.location();
          assertFalse(location.contains("evil.example"), headers + " → " + location);
          assertFalse(location.startsWith("http:"), headers + " → " + location);
          assertFalse(location.contains(":8443"), headers + " → " + location);
          assertSameOrigin(location, "/signin");
        }
      }
    }
  }

  @Test
  @Order(3)
  void shouldTakeTheClientAddressFromTheConfiguredProxyOnly() throws Exception {
    String viaProxy = "ghost-" + UUID.randomUUID() + "@acme.example";
    RawHttps proxy = new RawHttps(tls, port, PROXY);
    refusal(proxy.with("X-Forwarded-For", "203.0.113.7"), viaProxy, "not-a-password-1");
    String direct = "ghost-" + UUID.randomUUID() + "@acme.example";
    refusal(client().with("X-Forwarded-For", "203.0.113.8"), direct, "not-a-password-2");
    assertEquals("203.0.113.7", auditedAddress(viaProxy), "the configured proxy names the client");
    assertEquals("127.0.0.1", auditedAddress(direct), "anyone else's header is ignored");
  }

  private static String auditedAddress(String email) {
    return fixture
        .jdbc()
        .sql(
            "SELECT source_address FROM audit_event WHERE actor = ? AND action = 'signin'"
                + " ORDER BY id DESC LIMIT 1")
        .param(email)
        .query(String.class)
        .single();
  }

  @Test
  @Order(4)
  void shouldKeepNoPasswordOfAnySignInInTheSessionTables() throws Exception {
    String email = "kim@acme.example";
    String password = fixture.newUser(acme.id(), email, "Administrator");

    // A wrong password, an unknown e-mail, each in its own session; the session tables are scanned
    // right after the attempt (a script or a closed browser never shows the page) and after it.
    attemptAndScan(client(), email, "wrong-" + UUID.randomUUID());
    attemptAndScan(
        client(), "nobody-" + UUID.randomUUID() + "@acme.example", "unknown-" + UUID.randomUUID());

    // Enough wrong passwords to lock the account out, then its right password.
    RawHttps locking = client();
    for (int i = 0; i < 5; i++) {
      attemptAndScan(locking, email, "lockout-" + i + "-" + UUID.randomUUID());
    }
    attemptAndScan(client(), email, password);
    assertEquals(
        "refused throttled",
        fixture
            .jdbc()
            .sql(
                "SELECT CONCAT(outcome, ' ', detail) FROM audit_event WHERE actor = ?"
                    + " AND action = 'signin' ORDER BY id DESC LIMIT 1")
            .param(email)
            .query(String.class)
            .single(),
        "the right password came while the account was locked out");

    // And a successful sign-in, for the credentials of the signed-in token.
    RawHttps success = client();
    assertEquals(302, signIn(success, acme.email(), acme.password()).status());
    assertNoneStored(acme.password());
    success.get("/");
    assertNoneStored(acme.password());
  }

  private static void attemptAndScan(RawHttps http, String email, String password)
      throws IOException {
    RawHttps.Response answer = signIn(http, email, password);
    assertEquals(302, answer.status(), answer.body());
    assertNoneStored(password);
    URI target = resolved(answer.location());
    http.get(
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    assertNoneStored(password);
  }

  private static void assertNoneStored(String secret) {
    List<byte[]> stored = sessionBytes();
    assertFalse(stored.isEmpty(), "the sessions are in the tables");
    for (var charset :
        List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
      byte[] needle = secret.getBytes(charset);
      for (byte[] row : stored) {
        assertFalse(
            contains(row, needle),
            "a typed password is stored in the session tables ("
                + charset
                + "): "
                + new String(row, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "."));
      }
    }
    String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
    String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    for (byte[] row : stored) {
      String text = new String(row, StandardCharsets.ISO_8859_1);
      assertFalse(text.toLowerCase().contains(hex), "stored hex-encoded");
      assertFalse(text.contains(base64), "stored Base64-encoded");
    }
  }

  /** Every column of every row of both session tables, as bytes. */
  private static List<byte[]> sessionBytes() {
    List<byte[]> rows = new ArrayList<>();
    for (String table : List.of("SPRING_SESSION", "SPRING_SESSION_ATTRIBUTES")) {
      for (Map<String, Object> row :
          fixture.jdbc().sql("SELECT * FROM " + table).query().listOfRows()) {
        for (Object value : row.values()) {
          if (value instanceof byte[] bytes) {
            rows.add(bytes);
          } else if (value != null) {
            rows.add(value.toString().getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return rows;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  @Order(5)
  void shouldSayTheSameWordsForWrongPasswordsUnknownAddressesAndLockedAccounts() throws Exception {
    String email = "lee@acme.example";
    String password = fixture.newUser(acme.id(), email, "Administrator");
    String wrong = refusal(client(), email, "not the password 0");
    String unknown = refusal(client(), "nobody@acme.example", "not the password 0");
    assertEquals(wrong, unknown);
    for (int i = 1; i < 5; i++) {
      assertEquals(wrong, refusal(client(), email, "not the password " + i), "attempt " + i);
    }
    assertEquals(wrong, refusal(client(), email, "not the password 5"), "locked, wrong");
    assertEquals(wrong, refusal(client(), email, password), "locked, right password");
    assertTrue(wrong.contains("Wrong e-mail address or password"), wrong);

    // The answer for a locked account or an unknown address costs a password verification too:
    // loosely (a busy machine), at least a third of a real one's time.
    String fresh = "lou@acme.example";
    fixture.newUser(acme.id(), fresh, "Administrator");
    long real = fastest(() -> refusal(client(), fresh, "one wrong password"), 2);
    long locked = fastest(() -> refusal(client(), email, "still locked"), 3);
    long nobody = fastest(() -> refusal(client(), "nobody@acme.example", "no such user"), 3);
    assertTrue(locked * 3 >= real, "locked " + locked + " ms vs verified " + real + " ms");
    assertTrue(nobody * 3 >= real, "unknown " + nobody + " ms vs verified " + real + " ms");
  }

  private interface Attempt {
    void run() throws IOException;
  }

  private static long fastest(Attempt attempt, int times) throws IOException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      attempt.run();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
    }
    return best;
  }

  @Test
  @Order(6)
  void shouldRefuseAMalformedCsrfTokenWithA403PageAndNoStackTrace() throws Exception {
    byte[] notUtf8 = new byte[72];
    java.util.Arrays.fill(notUtf8, 36, 72, (byte) 0xFF);
    List<String> malformed =
        List.of(
            Base64.getUrlEncoder().encodeToString(notUtf8),
            Base64.getEncoder().encodeToString(notUtf8),
            "!!!not base64 at all%%%",
            "abc",
            "A".repeat(4_000),
            Base64.getUrlEncoder().encodeToString(new byte[71]));
    RawHttps signedIn = client();
    assertEquals(302, signIn(signedIn, acme.email(), acme.password()).status());

    List<String> logged = Collections.synchronizedList(new ArrayList<>());
    ListAppender<ILoggingEvent> logback = new ListAppender<>();
    logback.start();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logback);
    Handler jul =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                || record.getThrown() != null) {
              logged.add(record.getLoggerName() + ": " + record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger.getLogger("").addHandler(jul);
    try {
      for (String token : malformed) {
        for (RawHttps http : List.of(client(), signedIn)) {
          String path = http == signedIn ? "/me/password" : "/signin";
          http.get(path);
          RawHttps.Response field =
              http.postForm(
                  path, Map.of("email", "x@y.example", "password", "p", "_csrf", token), Map.of());
          assertEquals(403, field.status(), token + " as a field: " + field.body());
          assertTrue(field.body().contains("CSRF token"), field.body());
          RawHttps.Response header =
              http.postForm(
                  path,
                  Map.of("email", "x@y.example", "password", "p"),
                  Map.of("X-CSRF-TOKEN", token));
          assertEquals(403, header.status(), token + " as a header: " + header.body());
          assertTrue(header.body().contains("CSRF token"), header.body());
        }
      }
    } finally {
      root.detachAppender(logback);
      java.util.logging.Logger.getLogger("").removeHandler(jul);
    }
    for (ILoggingEvent event : logback.list) {
      assertFalse(
          event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null,
          "logged: " + event.getFormattedMessage());
    }
    assertTrue(logged.isEmpty(), "logged: " + logged);
  }

  @Test
  @Order(7)
  void shouldRefuseACommonPasswordWithAClearMessage() throws Exception {
    String email = "max@acme.example";
    String password = fixture.newUser(acme.id(), email, "Administrator");
    RawHttps http = client();
    assertEquals(302, signIn(http, email, password).status());
    for (String chosen : List.of("aaaaaaaaaaaa", "password1234")) {
      RawHttps.Response form = http.get("/me/password");
      RawHttps.Response answer =
          http.postForm(
              "/me/password",
              Map.of(
                  "current", password, "chosen", chosen, "repeated", chosen, "_csrf", form.csrf()),
              Map.of());
      String problem = answer.alert();
      assertNotNull(problem, chosen + " was accepted: " + answer.body());
      assertTrue(
          problem.contains("common or easy to guess") || problem.contains("one character"),
          chosen + ": " + problem);
    }
    assertTrue(
        fixture
                .jdbc()
                .sql(
                    "SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'user.password-change'")
                .param(email)
                .query(Integer.class)
                .single()
            == 0);
  }

  @Test
  @Order(8)
  void shouldWalkFromTheFirstVisitThroughSignOutAndBackInTheBrowser() throws Exception {
    String origin = fixture.url();
    try (Browser browser = new Browser(1280, 900)) {
      browser.open(origin + "/");
      assertEquals(origin + "/signin", browser.driver().getCurrentUrl(), "first visit");
      browser.screenshot("20-first-visit");
      typeCredentials(browser, acme.email(), acme.password());
      assertTrue(
          browser.driver().getCurrentUrl().startsWith(origin + "/"),
          browser.driver().getCurrentUrl());
      assertEquals("Dashboard", browser.text("main h1"), "on the dashboard after sign-in");

      browser.go("form.signout button");
      assertTrue(
          browser.driver().getCurrentUrl().startsWith(origin + "/signin"),
          "signed out: " + browser.driver().getCurrentUrl());
      assertEquals("You are signed out.", browser.text("[role=status]"));

      browser.driver().navigate().back();
      waitForPage(browser);
      assertTrue(
          browser.driver().getCurrentUrl().startsWith(origin + "/signin"),
          "Back after sign-out shows sign-in: " + browser.driver().getCurrentUrl());
      assertFalse(browser.has("form.signout"), "no cached dashboard");

      browser.open(origin + "/signin");
      typeCredentials(browser, acme.email(), acme.password());
      assertEquals("Dashboard", browser.text("main h1"), "signed in again");
    }
  }

  @Test
  @Order(9)
  void shouldReturnToThePageAskedForAfterAnIdleTimeout() throws Exception {
    String origin = fixture.url();
    try (Browser browser = new Browser(1280, 900)) {
      browser.open(origin + "/servers");
      assertEquals(origin + "/signin", browser.driver().getCurrentUrl());
      typeCredentials(browser, acme.email(), acme.password());
      assertTrue(
          browser.driver().getCurrentUrl().startsWith(origin + "/servers"),
          "back on the page first asked for: " + browser.driver().getCurrentUrl());

      // session.idle-timeout is one minute here. The servers list refreshes itself every 10 s
      // meanwhile; those refreshes are not the user's doing (IdleTimeoutFilter), so the session
      // still ends, and the first refresh after that takes the browser to sign in by itself.
      Thread.sleep(Duration.ofSeconds(75).toMillis());
      new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(30))
          .until(d -> d.getCurrentUrl().startsWith(origin + "/signin"));
      assertEquals(
          origin + "/signin",
          browser.driver().getCurrentUrl(),
          "the ended session sends the open list to sign in, same origin");
      browser.screenshot("21-signin-after-timeout");
      typeCredentials(browser, acme.email(), acme.password());
      assertTrue(
          browser.driver().getCurrentUrl().startsWith(origin + "/servers"),
          "back on the page that was open: " + browser.driver().getCurrentUrl());
      assertTrue(browser.text("main h1").contains("Servers"), browser.text("main h1"));
    }
  }

  private static void typeCredentials(Browser browser, String email, String password) {
    browser.find("#email").clear();
    browser.find("#email").sendKeys(email);
    browser.find("#password").sendKeys(password);
    browser.go("#signin");
  }

  private static void waitForPage(Browser browser) {
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(
            d -> "complete".equals(browser.driver().executeScript("return document.readyState")));
  }
}
