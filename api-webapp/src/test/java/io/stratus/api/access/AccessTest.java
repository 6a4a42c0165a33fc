package io.stratus.api.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratus.api.auth.Principal;
import io.stratus.api.web.ApiException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
  private static final Principal ME = new Principal(1, 10, 100, "AKAKAKAKAK");

  @Test
  void shouldLetAWildcardRightCoverEverything() {
    Access admin = new Access(ME, Map.of("*/*", Qualifier.ANY), Set.of());
    assertEquals(Qualifier.ANY, admin.require("server", "terminate"));
  }

  @Test
  void shouldTakeTheWidestQualifierGranted() {
    Access access =
        new Access(
            ME, Map.of("server/stop", Qualifier.MINE, "server/*", Qualifier.GROUP), Set.of());
    assertEquals(Qualifier.GROUP, access.qualifier("server", "stop"));
    assertNull(access.qualifier("volume", "stop"));
  }

  @Test
  void shouldRefuseWhatNoRoleGrantsWith403() {
    Access access = new Access(ME, Map.of("server/launch", Qualifier.ANY), Set.of());
    ApiException e = assertThrows(ApiException.class, () -> access.require("server", "stop"));
    assertEquals(403, e.status());
  }

  @Test
  void shouldLetMineReachOnlyTheUsersOwnAndGroupItsGroups() {
    Access mine = new Access(ME, Map.of("server/stop", Qualifier.MINE), Set.of(7L));
    assertDoesNotThrow(() -> mine.requireOn("server", "stop", 10L, null));
    assertEquals(
        403,
        assertThrows(ApiException.class, () -> mine.requireOn("server", "stop", 11L, 7L)).status());
    Access group = new Access(ME, Map.of("server/stop", Qualifier.GROUP), Set.of(7L));
    assertDoesNotThrow(() -> group.requireOn("server", "stop", 11L, 7L));
    assertDoesNotThrow(() -> group.requireOn("server", "stop", 10L, null));
    assertEquals(
        403,
        assertThrows(ApiException.class, () -> group.requireOn("server", "stop", 11L, 8L))
            .status());
  }
}
