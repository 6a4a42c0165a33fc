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

  @Test
  void shouldRefuseOneRepeatedCharacter() {
    String why = Passwords.weakness("aaaaaaaaaaaa", "pat@acme.example");
    assertNotNull(why);
    assertTrue(why.contains("one character repeated"), why);
  }

  @Test
  void shouldRefuseCommonAndBreachedPasswords() {
    for (String common :
        new String[] {
          "password1234",
          "123456789012",
          "qwertyuiop12",
          "iloveyou2024!",
          "Summer2024!!",
          "abcdefghijkl"
        }) {
      String why = Passwords.weakness(common, "pat@acme.example");
      assertNotNull(why, common);
      assertTrue(why.contains("common or easy to guess"), why);
      assertFalse(why.contains(common), "the refusal never echoes the password: " + why);
    }
  }

  @Test
  void shouldRefusePasswordsBuiltOnTheOwnEmailAddress() {
    assertNotNull(Passwords.weakness("pat@acme.example1", "pat@acme.example"));
    assertNotNull(Passwords.weakness("acme.example2024", "pat@acme.example"));
  }

  @Test
  void shouldAcceptAFewUnrelatedWordsAndRandomPasswords() {
    assertNull(Passwords.weakness("correct horse battery", "pat@acme.example"));
    assertNull(Passwords.weakness("a brand new passphrase", "pat@acme.example"));
    assertNull(Passwords.weakness("K9fz2QmPw7Lx", "pat@acme.example"));
    for (int i = 0; i < 20; i++) {
      assertNull(Passwords.weakness(Passwords.random(), "pat@acme.example"));
    }
  }
}
