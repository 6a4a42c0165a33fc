package io.stratus.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.job.Action;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordsTest {
  private final Words words = new Words();

  @Test
  void shouldSayEveryActionInDistinctWordsNotItsKind() {
    Set<String> seen = new HashSet<>();
    for (Action action : Action.values()) {
      String said = words.action(action.kind());
      assertFalse(said.contains("."), action + " reads " + said);
      assertFalse(said.contains("_"), action + " reads " + said);
      assertTrue(Character.isUpperCase(said.charAt(0)), said);
      assertTrue(seen.add(said), "two actions read " + said);
    }
    assertEquals("Launch server", words.action("server.launch"));
  }

  @Test
  void shouldNameAResourceByItsNameAndItsTypeInWords() {
    assertEquals("account main", words.resource("cloud_account", 1, "main"));
    assertEquals("server web-1", words.resource("server", 7, "web-1"));
    assertEquals("IP address 3", words.resource("ip_address", 3, null));
    assertEquals("/accounts/1", words.link("cloud_account", 1));
    assertNull(words.link("volume", 2));
  }

  @Test
  void shouldTurnFieldNamesIntoWords() {
    assertEquals("Access key", words.field("accessKey"));
    assertEquals("Secret key", words.field("secretKey"));
    assertEquals("Size (GB)", words.field("sizeGb"));
    assertEquals("Project ID", words.field("projectId"));
    assertEquals("Endpoint", words.field("endpoint"));
  }

  @Test
  void shouldLabelADriversFieldAsTheDriverDeclaresItElseInWords() {
    assertEquals(
        "API endpoint", words.field(io.stratus.cloud.spi.ConfigField.endpoint("where it answers")));
    assertEquals(
        "Tenant",
        words.field(
            io.stratus.cloud.spi.ConfigField.labelled(
                "projectName",
                "Tenant",
                io.stratus.cloud.spi.FieldType.TEXT,
                true,
                "the project")));
    assertEquals(
        "Access key",
        words.field(
            new io.stratus.cloud.spi.ConfigField(
                "accessKey", io.stratus.cloud.spi.FieldType.TEXT, true, "undeclared label")));
  }
}
