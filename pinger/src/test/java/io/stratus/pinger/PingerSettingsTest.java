package io.stratus.pinger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PingerSettingsTest {
  private static PingerSettings settings(String... keysAndValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return PingerSettings.from(Config.of("pinger", values, Map.of()));
  }

  private static ConfigException refused(String... keysAndValues) {
    return assertThrows(ConfigException.class, () -> settings(keysAndValues));
  }

  @Test
  void shouldDefaultToThirtySecondsThreeMissesAndShortTimeouts() {
    PingerSettings s = settings();

    assertEquals(Duration.ofSeconds(30), s.interval());
    assertEquals(Duration.ofSeconds(15), s.spread());
    assertEquals(3, s.missesBeforeUnreachable());
    assertEquals(Duration.ofSeconds(2), s.connectTimeout());
    assertEquals(Duration.ofSeconds(3), s.requestTimeout());
    assertEquals(500, s.concurrency());
    assertEquals(1, s.partitions());
    assertEquals(0, s.partition());
    assertTrue(s.keptConnections() >= 0);
  }

  @Test
  void shouldNameTheKeyOfAValueOutOfRange() {
    ConfigException e = refused("pinger.misses-before-unreachable", "0");

    assertEquals("pinger.misses-before-unreachable", e.key());
    assertTrue(e.getMessage().contains("between 1 and 1000"), e.getMessage());
  }

  @Test
  void shouldNameTheKeyOfAMalformedDuration() {
    ConfigException e = refused("pinger.interval", "thirty seconds");

    assertEquals("pinger.interval", e.key());
  }

  @Test
  void shouldRefuseTimeoutsThatOutlastTheInterval() {
    ConfigException e =
        refused(
            "pinger.interval",
            "1s",
            "pinger.connect-timeout",
            "500ms",
            "pinger.request-timeout",
            "500ms");

    assertEquals("pinger.request-timeout", e.key());
    assertTrue(e.getMessage().contains("pinger.interval"), e.getMessage());
  }

  @Test
  void shouldRefuseASpreadAsLongAsTheInterval() {
    assertEquals("pinger.spread", refused("pinger.interval", "10s", "pinger.spread", "10s").key());
  }

  @Test
  void shouldClampASpreadThatLeavesTheLastPingNoTimeToTimeOut() {
    PingerSettings s = settings("pinger.interval", "10s", "pinger.spread", "9s");

    assertEquals(Duration.ofSeconds(5), s.spread(), "10s minus 2s connect and 3s request");
  }

  @Test
  void shouldRefuseAPartitionOutsideThePartitions() {
    ConfigException e = refused("pinger.partitions", "3", "pinger.partition", "3");

    assertEquals("pinger.partition", e.key());
    assertTrue(e.getMessage().contains("between 0 and pinger.partitions - 1 (2)"), e.getMessage());
  }

  @Test
  void shouldKeepNoConnectionsWhenToldTo() {
    assertEquals(0, settings("pinger.kept-connections", "0").keptConnections());
  }
}
