package io.stratus.console.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.common.resource.kinds.Network;
import io.stratus.console.web.BadInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListQueryTest {
  private static ListQuery read(Map<String, String> params) {
    return ListQuery.read(Infrastructure.SERVER, params::get);
  }

  @Test
  void shouldListNewestFirstUnlessASortKeyIsChosen() {
    ListQuery q = read(Map.of());
    assertNull(q.sort());
    assertTrue(q.descending());
    assertFalse(q.ended());
    assertEquals(0, q.page());

    q = read(Map.of("sort", "name"));
    assertEquals("name", q.sort().key());
    assertFalse(q.descending(), "a chosen key sorts ascending unless asked otherwise");
    assertTrue(read(Map.of("sort", "launched", "dir", "desc")).descending());
  }

  @Test
  void shouldReadOnlyTheConsoleFiltersOfTheDeclaration() {
    ListQuery q = read(Map.of("account", "7", "name", "  web_1 ", "state", "running", "x", "y"));
    assertEquals(
        Map.of("account", "7", "region", "", "name", "web_1", "state", "running"), q.values());
    assertEquals("", read(Map.of("account", "0")).values().get("account"), "0 is any");
  }

  @Test
  void shouldRefuseWhatItCannotUseAsBadInput() {
    for (Map<String, String> bad :
        new Map[] {
          Map.of("account", "abc"),
          Map.of("region", "-3"),
          Map.of("sort", "bogus"),
          Map.of("dir", "up"),
          Map.of("page", "x"),
          Map.of("ended", "maybe"),
          Map.of("state", "running' OR '1'='1"),
          Map.of("name", "x".repeat(ListQuery.TEXT_LIMIT + 1))
        }) {
      assertThrows(BadInput.class, () -> read(bad), bad.toString());
    }
  }

  @Test
  void shouldShowEndedRowsOnlyWhenAskedAndOnlyForKindsThatEnd() {
    assertTrue(read(Map.of("ended", "1")).ended());
    assertFalse(read(Map.of("ended", "0")).ended());
    assertTrue(ListQuery.read(Network.IP_ADDRESS, Map.of("ended", "1")::get).ended());
    assertEquals(0, read(Map.of("page", "-4")).page(), "a page before the first is the first");
  }
}
