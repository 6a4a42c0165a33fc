package io.stratus.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LikeTest {
  @Test
  void shouldEscapeEveryWildcardAndTheEscapeCharacter() {
    assertEquals("web\\_1", Like.escape("web_1"));
    assertEquals("100\\%", Like.escape("100%"));
    assertEquals("a\\\\b", Like.escape("a\\b"));
    assertEquals("%\\_\\%\\\\%", Like.containing("_%\\"));
    assertEquals("%plain%", Like.containing("plain"));
  }

  @Test
  void shouldMatchIgnoringCaseByLoweringBothSides() {
    assertEquals("LOWER(s.name) LIKE LOWER(:name)", Like.containsIgnoringCase("s.name", "name"));
  }
}
