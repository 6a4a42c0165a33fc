package io.stratus.common.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void shouldHashWithArgon2idAndSaltEachHash() {
    String first = Passwords.hash("correct horse battery");
    String second = Passwords.hash("correct horse battery");
    assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
    assertNotEquals(first, second);
    assertTrue(Passwords.matches("correct horse battery", first));
    assertTrue(Passwords.matches("correct horse battery", second));
    assertFalse(Passwords.matches("correct horse batterY", first));
  }

  @Test
  void shouldNeverMatchAMissingOrForeignHash() {
    assertFalse(Passwords.matches("anything", null));
    assertFalse(Passwords.matches("anything", "plain text"));
    assertFalse(Passwords.matches("anything", "$2a$10$abcdefghijklmnopqrstuv"));
  }

  @Test
  void shouldMakeRandomPasswordsThatPassItsOwnRules() {
    String password = Passwords.random();
    assertNotEquals(password, Passwords.random());
    assertNull(Passwords.weakness(password, "a@b.example"));
    assertNotNull(Passwords.weakness("short", null));
    assertNotNull(Passwords.weakness("admin@example.com", "ADMIN@example.com"));
  }
}
