package io.stratus.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.stratus.common.config.Config;
import io.stratus.testkit.TcpProxy;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A component started while its database does not answer (restarting, or too loaded to finish the
 * handshake) waits for it up to {@code db.startup-timeout}; a refused password fails at once. The
 * database is reached through a proxy that the test takes down and brings back.
 */
class DatabaseStartupIT {
  private static TestDatabase db;
  private static TcpProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    db = TestServices.newDatabase("startup");
    URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    proxy = new TcpProxy(server.getHost(), server.getPort());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    db.close();
  }

  @Test
  void shouldWaitForADatabaseThatAnswersLate() throws Exception {
    proxy.down();
    long started = System.nanoTime();
    CompletableFuture<Database> opening =
        CompletableFuture.supplyAsync(() -> Database.open(settings(db.password(), "30s"), "late"));
    Thread.sleep(3000);
    assertTrue(!opening.isDone(), "start-up gave up on a database that was only away");
    proxy.up();
    try (Database database = opening.get(30, TimeUnit.SECONDS)) {
      assertEquals(
          1, JdbcClient.create(database.primary()).sql("SELECT 1").query(Integer.class).single());
    }
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() >= 3);
  }

  @Test
  void shouldGiveUpOnADatabaseThatStaysAwayAfterTheStartupTimeout() {
    proxy.down();
    try {
      long started = System.nanoTime();
      assertThrows(
          PoolInitializationException.class,
          () -> Database.open(settings(db.password(), "3s"), "away"));
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      assertTrue(seconds >= 2 && seconds < 20, "gave up after " + seconds + " s");
    } finally {
      proxy.up();
    }
  }

  @Test
  void shouldFailAtOnceWhenThePasswordIsRefused() {
    long started = System.nanoTime();
    PoolInitializationException refused =
        assertThrows(
            PoolInitializationException.class,
            () -> Database.open(settings("not-" + db.password(), "60s"), "refused"));
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    assertTrue(seconds < 20, "a refused password waited " + seconds + " s");
    assertTrue(!refused.getMessage().contains("not-" + db.password()), refused.getMessage());
  }

  private static DatabaseSettings settings(String password, String startupTimeout) {
    String url = db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    Config config =
        Config.of(
            "test",
            Map.of(
                "db.url", url,
                "db.user", db.user(),
                "db.password", password,
                "db.connect-timeout", "1s",
                "db.startup-timeout", startupTimeout),
            Map.of());
    return DatabaseSettings.from(config, "db");
  }
}
