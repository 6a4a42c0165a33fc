package io.stratus.common.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.identity.IdentityException.Invalid;
import io.stratus.common.identity.IdentityRules.Right;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {
  @Test
  void shouldAcceptAndStripAnEmailAddressAndRefuseMalformedOnes() {
    assertEquals("ann@acme.example", IdentityRules.email("  ann@acme.example "));
    for (String bad : new String[] {null, "", "ann", "ann@", "@acme", "a b@acme", "a@b@c"}) {
      Invalid e = assertThrows(Invalid.class, () -> IdentityRules.email(bad), bad);
      assertEquals("the e-mail address is not valid", e.getMessage());
    }
    assertThrows(Invalid.class, () -> IdentityRules.email("a".repeat(65) + "@acme.example"));
  }

  @Test
  void shouldRefuseControlCharactersAndMalformedDomainsInAnEmailAddress() {
    for (String bad :
        new String[] {
          "\0@example.test",
          "ann\0@example.test",
          "ann@exam\0ple.test",
          "ann\u0007@example.test",
          "ann\u200b@example.test",
          "ann\n@example.test",
          "ann@example.test\r\nBcc: eve@example.test",
          "ann@localhost",
          "ann@example",
          "ann@.example.test",
          "ann@example..test",
          "ann@-example.test",
          "ann@example-.test",
          ".ann@example.test",
          "ann.@example.test",
          "a..nn@example.test",
          "\"ann\"@example.test",
          "ann@[127.0.0.1]",
          "<ann@example.test>",
          "ann@" + "a".repeat(64) + ".test",
          "ann@" + "abcdefgh.".repeat(28) + "test"
        }) {
      assertThrows(Invalid.class, () -> IdentityRules.email(bad), bad);
    }
    for (String good :
        new String[] {
          "ann@example.test",
          "ann.lee+ops@mail.acme-corp.example",
          "o'brien@example.test",
          "jörg@bücher.example",
          "a@b.c"
        }) {
      assertEquals(good, IdentityRules.email(good), good);
    }
  }

  @Test
  void shouldDefaultADisplayNameToTheEmailAndBoundIt() {
    assertEquals("ann@x.example", IdentityRules.displayName("  ", "ann@x.example"));
    assertEquals("Ann Lee", IdentityRules.displayName(" Ann Lee ", "ann@x.example"));
    assertThrows(Invalid.class, () -> IdentityRules.displayName("n".repeat(201), "a@b"));
  }

  @Test
  void shouldBoundNamesAndDescriptions() {
    assertEquals("developers", IdentityRules.label(" developers ", "a group"));
    Invalid e = assertThrows(Invalid.class, () -> IdentityRules.label(" ", "a role"));
    assertEquals("a role's name is 1 to 200 characters", e.getMessage());
    assertThrows(Invalid.class, () -> IdentityRules.label("g".repeat(201), "a group"));
    assertNull(IdentityRules.description("  "));
    assertNull(IdentityRules.description(null));
    assertEquals("x", IdentityRules.description(" x "));
    assertThrows(Invalid.class, () -> IdentityRules.description("d".repeat(1001)));
  }

  @Test
  void shouldAcceptOnlyActiveOrDisabledInAnyCase() {
    assertEquals("active", IdentityRules.status("ACTIVE"));
    assertEquals("disabled", IdentityRules.status("disabled"));
    Invalid e = assertThrows(Invalid.class, () -> IdentityRules.status("locked"));
    assertTrue(e.getMessage().contains("active or disabled"), e.getMessage());
  }

  @Test
  void shouldValidateRights() {
    assertEquals(new Right("server", "read", "ANY"), Right.of(" server ", "read", "any"));
    assertEquals(new Right("*", "*", "MINE"), Right.of("*", "*", "MINE"));
    assertEquals("ip_address/assign/GROUP", Right.of("ip_address", "assign", "GROUP").toString());
    assertEquals(
        new Right("a" + "b".repeat(63), "x9_", "ANY"),
        Right.of("a" + "b".repeat(63), "x9_", "ANY"));
    for (String bad : new String[] {"", "Server", "9server", "ser ver", "**", "a".repeat(65)}) {
      assertThrows(Invalid.class, () -> Right.of(bad, "read", "ANY"), bad);
      assertThrows(Invalid.class, () -> Right.of("server", bad, "ANY"), bad);
    }
    Invalid e = assertThrows(Invalid.class, () -> Right.of("server", "read", "SOME"));
    assertEquals("a qualifier is ANY, GROUP or MINE, not SOME", e.getMessage());
    assertThrows(Invalid.class, () -> Right.of(null, "read", "ANY"));
  }
}
