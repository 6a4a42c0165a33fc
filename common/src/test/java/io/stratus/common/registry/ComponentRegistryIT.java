package io.stratus.common.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratus.common.db.Database;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComponentRegistryIT {
  private static TestDatabase db;
  private static Database database;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("registry");
    database = StratusSchema.open(db);
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  private static ComponentState stateOf(ComponentRegistry registry, Registration registration) {
    return registry.list(Duration.ofHours(1)).stream()
        .filter(c -> c.instanceId().equals(registration.instanceId()))
        .findFirst()
        .orElseThrow()
        .state();
  }

  @Test
  void shouldShowAComponentThatStoppedHeartbeatingAsDown() throws Exception {
    ComponentRegistry registry = new ComponentRegistry(database.primary(), Duration.ofMillis(1500));
    Registration alive = registry.register("worker-subscriber", "test", Duration.ofMillis(100));
    Registration crashed = registry.register("pinger", "test", Duration.ofMillis(100));
    crashed.abandon();
    Thread.sleep(2_000);
    assertEquals(ComponentState.UP, stateOf(registry, alive));
    assertEquals(ComponentState.DOWN, stateOf(registry, crashed));
    alive.close();
    assertEquals(ComponentState.STOPPED, stateOf(registry, alive));
  }

  @Test
  void shouldRecordHostPidAndVersion() {
    ComponentRegistry registry = new ComponentRegistry(database.primary(), Duration.ofSeconds(30));
    try (Registration r = registry.register("dispatcher", "1.2.3", Duration.ofSeconds(10))) {
      ComponentStatus status =
          registry.list(Duration.ofHours(1)).stream()
              .filter(c -> c.instanceId().equals(r.instanceId()))
              .findFirst()
              .orElseThrow();
      assertEquals(ProcessHandle.current().pid(), status.pid());
      assertEquals("1.2.3", status.version());
      assertEquals(ComponentRegistry.hostName(), status.host());
    }
  }
}
