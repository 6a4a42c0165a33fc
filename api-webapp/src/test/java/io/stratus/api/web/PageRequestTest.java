package io.stratus.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageRequestTest {
  @Test
  void shouldStartAtTheFirstPageWithoutAnId() {
    PageRequest first = PageRequest.of(null, null, 250);
    assertNull(first.snapshot());
    assertEquals(0, first.offset());
  }

  @Test
  void shouldRoundTripThePaginationId() {
    String id = PageRequest.encode(25_012);
    PageRequest third = PageRequest.of(id, "3", 250);
    assertEquals(25_012L, third.snapshot());
    assertEquals(500, third.offset());
  }

  @Test
  void shouldRefuseMalformedPagingWith400() {
    for (String[] bad :
        new String[][] {
          {"P1", "0"},
          {"P1", "-1"},
          {"P1", "x"},
          {"P1", "99999999999"},
          {"zzz", "1"},
          {"P", "1"},
          {"P-5", "1"},
          {"PZZZZZZZZZZZZZZZZ", "1"},
          {null, "2"}
        }) {
      ApiException e = assertThrows(ApiException.class, () -> PageRequest.of(bad[0], bad[1], 10));
      assertEquals(400, e.status());
    }
  }
}
