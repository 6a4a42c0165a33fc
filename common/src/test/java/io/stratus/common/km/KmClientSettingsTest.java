package io.stratus.common.km;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KmClientSettingsTest {
  @Test
  void shouldReadTheUrlAndTimeouts() {
    KmClientSettings settings =
        KmClientSettings.from(
            Config.of(
                "worker",
                Map.of("km.url", "https://km.example.com:2013/", "km.timeout", "750ms"),
                Map.of()));
    assertEquals("https://km.example.com:2013", settings.url().toString());
    assertEquals(Duration.ofMillis(750), settings.timeout());
    assertEquals(Duration.ofSeconds(2), settings.connectTimeout());
  }

  @Test
  void shouldRefusePlainHttpNamingTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                KmClientSettings.from(
                    Config.of("worker", Map.of("km.url", "http://km:2013"), Map.of())));
    assertEquals("km.url", e.key());
    assertTrue(e.getMessage().contains("https://"), e.getMessage());
  }

  @Test
  void shouldRefuseCredentialsInTheUrlWithoutEchoingThem() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                KmClientSettings.from(
                    Config.of("worker", Map.of("km.url", "https://u:hunter2@km:2013"), Map.of())));
    assertEquals("km.url", e.key());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void shouldMaskPartsInToString() {
    String text = new KeyParts("v1", "abc", "very-secret-ciphertext").toString();
    assertFalse(text.contains("very-secret"), text);
    assertTrue(text.contains("22 chars"), text);
  }
}
