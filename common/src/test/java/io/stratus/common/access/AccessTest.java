package io.stratus.common.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
  private static final long CUSTOMER = 1;
  private static final long ME = 10;

  @Test
  void shouldLetAWildcardRightCoverEverything() {
    Access admin = new Access(CUSTOMER, ME, Map.of("*/*", Qualifier.ANY), Set.of());
    assertEquals(Qualifier.ANY, admin.require("server", "terminate"));
  }

  @Test
  void shouldTakeTheWidestQualifierGranted() {
    Access access =
        new Access(
            CUSTOMER,
            ME,
            Map.of("server/stop", Qualifier.MINE, "server/*", Qualifier.GROUP),
            Set.of());
    assertEquals(Qualifier.GROUP, access.qualifier("server", "stop"));
    assertNull(access.qualifier("volume", "stop"));
  }

  @Test
  void shouldRefuseWhatNoRoleGrantsSayingWhat() {
    Access access = new Access(CUSTOMER, ME, Map.of("server/launch", Qualifier.ANY), Set.of());
    AccessRefused e = assertThrows(AccessRefused.class, () -> access.require("server", "stop"));
    assertEquals("you may not stop server resources", e.getMessage());
    assertTrue(access.may("server", "launch"));
    assertFalse(access.may("server", "stop"));
  }

  @Test
  void shouldLetMineReachOnlyTheUsersOwnAndGroupItsGroups() {
    Access mine = new Access(CUSTOMER, ME, Map.of("server/stop", Qualifier.MINE), Set.of(7L));
    assertDoesNotThrow(() -> mine.requireOn("server", "stop", 10L, null));
    assertEquals(
        "you may stop only your own server resources",
        assertThrows(AccessRefused.class, () -> mine.requireOn("server", "stop", 11L, 7L))
            .getMessage());
    Access group = new Access(CUSTOMER, ME, Map.of("server/stop", Qualifier.GROUP), Set.of(7L));
    assertDoesNotThrow(() -> group.requireOn("server", "stop", 11L, 7L));
    assertDoesNotThrow(() -> group.requireOn("server", "stop", 10L, null));
    assertThrows(AccessRefused.class, () -> group.requireOn("server", "stop", 11L, 8L));
  }
}
