package io.stratus.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VersionAliasesTest {
  @Test
  void shouldMapTheOlderVersionsOntoTheCurrentOne() {
    assertEquals(
        "/api/enstratus/2013-03-13/infrastructure/Server/4",
        VersionAliases.current("/api/enstratus/2012-06-15/infrastructure/Server/4"));
    assertEquals(
        "/api/enstratus/2013-03-13/geography/Cloud",
        VersionAliases.current("/api/enstratus/2012-02-29/geography/Cloud"));
  }

  @Test
  void shouldLeaveEverythingElseAlone() {
    assertNull(VersionAliases.current("/api/enstratus/2013-03-13/geography/Cloud"));
    assertNull(VersionAliases.current("/api/enstratus/2012-06-150/geography/Cloud"));
    assertNull(VersionAliases.current("/api/enstratus/2015-05-25/geography/Cloud"));
    assertNull(VersionAliases.current("/api/enstratus"));
  }
}
