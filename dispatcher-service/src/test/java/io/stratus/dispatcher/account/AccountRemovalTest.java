package io.stratus.dispatcher.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccountRemovalTest {
  @Test
  void shouldKeepAShortNameWholeWithTheRemovalAfterIt() {
    assertEquals("main (removed 7)", AccountRemoval.removedName("main", 7));
  }

  @Test
  void shouldCutAnOverlongNameAtItsEndKeepingItsFrontAndTheSuffix() {
    String name = "front-" + "x".repeat(194);
    String removed = AccountRemoval.removedName(name, 123456);
    assertEquals(AccountRemoval.NAME_MAX, removed.length());
    assertTrue(removed.startsWith("front-xxx"), removed);
    assertTrue(removed.endsWith("x (removed 123456)"), removed);
  }

  @Test
  void shouldNeverCutInsideACharacter() {
    String name = "😀".repeat(200); // 200 characters, 400 UTF-16 units
    String removed = AccountRemoval.removedName(name, 9);
    String suffix = " (removed 9)";
    assertEquals(
        AccountRemoval.NAME_MAX, removed.codePointCount(0, removed.length()), "fits the column");
    assertEquals("😀".repeat(AccountRemoval.NAME_MAX - suffix.length()) + suffix, removed);
  }
}
