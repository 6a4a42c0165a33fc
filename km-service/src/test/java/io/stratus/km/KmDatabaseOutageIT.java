package io.stratus.km;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.km.KeyParts;
import io.stratus.common.km.KmClient;
import io.stratus.common.km.KmUnavailableException;
import io.stratus.km.support.KmFixture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The KM's database goes away: callers get 503, nothing is half-written, and the KM recovers. */
class KmDatabaseOutageIT {
  private static KmFixture km;
  private static KmClient dispatcher;

  @BeforeAll
  static void start() {
    km = KmFixture.start("kmoutage", null);
    dispatcher = km.client("dispatcher");
  }

  @AfterAll
  static void stop() {
    km.close();
  }

  @AfterEach
  void restore() {
    km.kmDatabaseLink().up();
  }

  @Test
  void shouldAnswer503WhileTheDatabaseIsDownAndRecoverAfter() {
    long before = dispatcher.create(new KeyParts("v", "p", "q"));
    long rows = keyRows();

    km.kmDatabaseLink().down();
    KmUnavailableException create =
        assertThrows(
            KmUnavailableException.class, () -> dispatcher.create(new KeyParts("v", "p", "q")));
    assertEquals(503, create.status());
    assertTrue(create.getMessage().contains("database is unavailable"), create.getMessage());
    KmUnavailableException fetch =
        assertThrows(KmUnavailableException.class, () -> dispatcher.fetch(before));
    assertEquals(503, fetch.status());

    km.kmDatabaseLink().up();
    assertEquals(rows, keyRows(), "a key was written while the database was down");
    long after = waitForCreate();
    assertEquals(new KeyParts("v", "p", "q"), dispatcher.fetch(after));
  }

  /**
   * The database goes away between the key's INSERT and its audit line's: the key must not stay.
   * The audit table is locked from outside so the KM's transaction stops exactly there.
   */
  @Test
  void shouldLeaveNothingHalfWrittenWhenTheDatabaseDiesMidTransaction() throws Exception {
    long rows = keyRows();
    try (Connection locker = km.kmDatabase().dataSource().getConnection();
        Statement lock = locker.createStatement()) {
      lock.execute("LOCK TABLES access_log WRITE");
      CompletableFuture<Long> create =
          CompletableFuture.supplyAsync(() -> dispatcher.create(new KeyParts("v", "mid", "mid")));
      waitFor(
          () -> blockedAuditInserts() > 0,
          "the KM's audit INSERT never waited on the locked table");
      km.kmDatabaseLink().down();
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> create.get(15, TimeUnit.SECONDS));
      assertTrue(failed.getCause() instanceof KmUnavailableException, failed.getCause().toString());
      lock.execute("UNLOCK TABLES");
    }
    waitFor(() -> blockedAuditInserts() == 0, "the KM's dead session did not end");
    assertEquals(rows, keyRows(), "the key's row outlived its failed transaction");
    assertEquals(
        0L,
        JdbcClient.create(km.kmDataSource())
            .sql("SELECT COUNT(*) FROM `key` WHERE public_part = 'mid'")
            .query(Long.class)
            .single());
    km.kmDatabaseLink().up();
    waitForCreate();
  }

  private static long keyRows() {
    return JdbcClient.create(km.kmDataSource())
        .sql("SELECT COUNT(*) FROM `key`")
        .query(Long.class)
        .single();
  }

  private static long blockedAuditInserts() {
    return JdbcClient.create(km.kmDataSource())
        .sql(
            """
            SELECT COUNT(*) FROM information_schema.processlist
             WHERE db = DATABASE() AND info LIKE 'INSERT INTO access_log%'
            """)
        .query(Long.class)
        .single();
  }

  private static long waitForCreate() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      try {
        return dispatcher.create(new KeyParts("v", "p", "q"));
      } catch (KmUnavailableException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        sleep();
      }
    }
  }

  private static void waitFor(BooleanSupplier condition, String failure) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(failure);
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
