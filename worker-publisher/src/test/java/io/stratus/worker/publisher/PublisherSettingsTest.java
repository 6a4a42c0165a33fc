package io.stratus.worker.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.cache.CacheKind;
import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublisherSettingsTest {
  @Test
  void shouldGiveEveryCacheKindAnIntervalOfItsOwn() {
    PublisherSettings settings =
        PublisherSettings.from(
            Config.of("worker", Map.of("cache.interval.firewall-rules", "30s"), Map.of()));
    assertEquals(Duration.ofSeconds(30), settings.cacheIntervals().get(CacheKind.FIREWALL_RULES));
    assertEquals(Duration.ofHours(1), settings.cacheIntervals().get(CacheKind.SERVER_PRODUCTS));
    assertEquals(Duration.ofHours(1), settings.cacheIntervals().get(CacheKind.VOLUME_PRODUCTS));
    for (CacheKind kind : CacheKind.values()) {
      assertTrue(settings.cacheIntervals().containsKey(kind), kind + " has no interval");
    }
  }

  @Test
  void shouldRefuseAMisspelledIntervalKeyNamingItAndTheKeyMeant() {
    Config config = Config.of("worker", Map.of("cache.interval.firewall-rule", "1m"), Map.of());
    PublisherSettings.from(config);
    ConfigException refused = assertThrows(ConfigException.class, config::rejectUnknownKeys);
    assertTrue(
        refused.getMessage().contains("cache.interval.firewall-rule (did you mean"),
        refused.getMessage());
    assertTrue(
        refused.getMessage().contains("cache.interval.firewall-rules"), refused.getMessage());
  }

  @Test
  void shouldRefuseAnIntervalUnderASecondNamingTheKey() {
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () ->
                PublisherSettings.from(
                    Config.of(
                        "worker", Map.of("cache.interval.volume-products", "10ms"), Map.of())));
    assertTrue(
        refused.getMessage().contains("cache.interval.volume-products"), refused.getMessage());
  }
}
