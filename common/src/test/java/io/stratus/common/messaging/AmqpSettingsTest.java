package io.stratus.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpSettingsTest {
  @Test
  void shouldNameQueuesAfterThePrefix() {
    AmqpSettings s =
        AmqpSettings.from(
            Config.of(
                "w", Map.of("amqp.uri", "amqp://u:p@h:5672/v", "amqp.prefix", "t1"), Map.of()),
            "amqp");
    assertEquals("t1.task-jobs", s.topology().taskQueue());
    assertEquals("t1.work", s.topology().workExchange());
    assertEquals("amqp://h:5672", s.safeAddress());
  }

  @Test
  void shouldRefuseABadUriWithoutEchoingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                AmqpSettings.from(
                    Config.of("w", Map.of("amqp.uri", "http://u:topsecret@h"), Map.of()), "amqp"));
    assertEquals("amqp.uri", e.key());
    assertFalse(e.getMessage().contains("topsecret"));
  }

  @Test
  void shouldRefuseAPrefetchOutOfRange() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                AmqpSettings.from(
                    Config.of("w", Map.of("amqp.uri", "amqp://h", "amqp.prefetch", "0"), Map.of()),
                    "amqp"));
    assertEquals("amqp.prefetch", e.key());
  }
}
