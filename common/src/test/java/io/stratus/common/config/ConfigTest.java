package io.stratus.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir Path etc;

  @Test
  void shouldLetTheEnvironmentOverrideTheFile() throws IOException {
    Files.writeString(etc.resolve("dispatcher.properties"), "db.url=jdbc:mysql://file/stratus\n");
    Config config =
        Config.load(
            "dispatcher",
            etc.resolve("dispatcher.properties"),
            Map.of("STRATUS_DB_URL", "jdbc:mysql://env/stratus"));
    assertEquals("jdbc:mysql://env/stratus", config.require("db.url"));
  }

  @Test
  void shouldMapDottedAndDashedKeysToEnvironmentNames() {
    assertEquals("STRATUS_DB_URL", Config.envName("db.url"));
    assertEquals("STRATUS_AMQP_CONFIRM_TIMEOUT", Config.envName("amqp.confirm-timeout"));
  }

  @Test
  void shouldNameKeyAndFileWhenARequiredKeyIsMissing() throws IOException {
    Path file = etc.resolve("worker.properties");
    Files.writeString(file, "amqp.uri=amqp://x\n");
    Config config = Config.load("worker", file, Map.of());
    ConfigException e = assertThrows(ConfigException.class, () -> config.require("db.url"));
    assertEquals("db.url", e.key());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("db.url"), e.getMessage());
    assertTrue(e.getMessage().contains("STRATUS_DB_URL"), e.getMessage());
  }

  @Test
  void shouldNameTheEnvironmentVariableWhenItsValueIsBad() {
    Config config = Config.of("x", Map.of(), Map.of("STRATUS_DB_POOL_SIZE", "lots"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> config.getInt("db.pool.size", 10));
    assertTrue(e.getMessage().contains("STRATUS_DB_POOL_SIZE"), e.getMessage());
  }

  @Test
  void shouldFailWhenTheFileIsMissing() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> Config.load("km", etc.resolve("nope")));
    assertTrue(e.getMessage().contains("km.properties"), e.getMessage());
  }

  @Test
  void shouldParseDurationsBooleansAndLists() {
    Config config =
        Config.of(
            "x", Map.of("a", "250ms", "b", "5m", "c", "yes", "d", " one, two ,, three "), Map.of());
    assertEquals(Duration.ofMillis(250), config.getDuration("a", Duration.ZERO));
    assertEquals(Duration.ofMinutes(5), config.getDuration("b", Duration.ZERO));
    assertTrue(config.getBoolean("c", false));
    assertEquals(List.of("one", "two", "three"), config.getList("d"));
    assertThrows(ConfigException.class, () -> config.getDuration("c", Duration.ZERO));
  }

  @Test
  void shouldRejectAnUnknownKeyAndSuggestTheIntendedOne() {
    Config config = Config.of("x", Map.of("db.url", "u", "db.pol.size", "3"), Map.of());
    config.require("db.url");
    config.getInt("db.pool.size", 10);
    ConfigException e = assertThrows(ConfigException.class, config::rejectUnknownKeys);
    assertEquals("db.pol.size", e.key());
    assertTrue(e.getMessage().contains("did you mean db.pool.size?"), e.getMessage());
  }

  @Test
  void shouldTreatBlankValuesAsAbsent() {
    Config config = Config.of("x", Map.of("db.user", "  "), Map.of());
    assertFalse(config.optional("db.user").isPresent());
  }

  @Test
  void shouldNeverPrintASecretValue() {
    Config config = Config.of("x", Map.of("db.password", "hunter2"), Map.of());
    Secret secret = config.requireSecret("db.password");
    assertEquals("******", secret.toString());
    assertEquals("hunter2", secret.reveal());
  }
}
