package io.stratus.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  private static final String URL = "jdbc:mysql://127.0.0.1:3306/stratus";

  private static DatabaseSettings settings(Map<String, String> values) {
    return DatabaseSettings.from(Config.of("dispatcher", values, Map.of()), "db");
  }

  @Test
  void shouldApplyDefaultsAndInheritReplicaCredentials() {
    DatabaseSettings s =
        settings(
            Map.of(
                "db.url", URL,
                "db.password", "pw",
                "db.replica.urls", "jdbc:mysql://replica1/stratus, jdbc:mysql://replica2/stratus"));
    assertEquals("stratus", s.user());
    assertEquals(10, s.poolSize());
    assertEquals(
        List.of("jdbc:mysql://replica1/stratus", "jdbc:mysql://replica2/stratus"), s.replicaUrls());
    assertEquals("pw", s.replicaPassword().reveal());
    assertFalse(s.toString().contains("pw,"), s.toString());
  }

  @Test
  void shouldRefuseAPoolSizeOutOfRange() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> settings(Map.of("db.url", URL, "db.pool.size", "0")));
    assertEquals("db.pool.size", e.key());
  }

  @Test
  void shouldRefuseAStartupTimeoutShorterThanTheConnectTimeout() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                settings(
                    Map.of(
                        "db.url", URL, "db.connect-timeout", "10s", "db.startup-timeout", "5s")));
    assertEquals("db.startup-timeout", e.key());
    assertEquals(60, settings(Map.of("db.url", URL)).startupTimeout().toSeconds());
  }

  @Test
  void shouldRefuseAReplicaThatIsThePrimary() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> settings(Map.of("db.url", URL, "db.replica.urls", URL)));
    assertEquals("db.replica.urls", e.key());
  }

  @Test
  void shouldRefuseAPasswordInTheUrlWithoutEchoingIt() {
    Map<String, String> values = new HashMap<>();
    values.put("db.url", URL + "?password=sesame");
    ConfigException e = assertThrows(ConfigException.class, () -> settings(values));
    assertEquals("db.url", e.key());
    assertFalse(e.getMessage().contains("sesame"), e.getMessage());
  }

  @Test
  void shouldRefuseANonMysqlUrl() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> settings(Map.of("db.url", "jdbc:postgresql://x/y")));
    assertTrue(e.getMessage().contains("jdbc:mysql://"), e.getMessage());
  }
}
