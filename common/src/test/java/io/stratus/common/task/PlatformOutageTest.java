package io.stratus.common.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;
import io.stratus.common.km.KmUnavailableException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class PlatformOutageTest {
  @Test
  void shouldCallADatabaseThatCannotBeReachedAnOutage() {
    assertTrue(
        PlatformOutage.causedBy(
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLException("timeout", "08001"))));
  }

  @Test
  void shouldFindALostConnectionAnywhereInTheCauses() {
    SQLException linkFailure = new SQLException("Communications link failure", "08S01");
    assertTrue(
        PlatformOutage.causedBy(
            new IllegalStateException(
                "reading the row", new UncategorizedSQLException("update", "sql", linkFailure))));
  }

  @Test
  void shouldCallAnUnreachableKeyManagerOrBrokerAnOutage() {
    assertTrue(PlatformOutage.causedBy(new KmUnavailableException(0, "connection refused", null)));
    assertTrue(
        PlatformOutage.causedBy(
            new AlreadyClosedException(new ShutdownSignalException(true, false, null, null))));
  }

  @Test
  void shouldNotExcuseTheTasksOwnFailures() {
    assertFalse(PlatformOutage.causedBy(new IllegalStateException("no server 42")));
    assertFalse(
        PlatformOutage.causedBy(
            new DataIntegrityViolationException(
                "duplicate", new SQLException("Duplicate entry", "23000"))));
    assertFalse(PlatformOutage.causedBy(new RuntimeException("image img-404 does not exist")));
  }

  @Test
  void shouldStopOnACycleOfCauses() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(PlatformOutage.causedBy(a));
  }
}
