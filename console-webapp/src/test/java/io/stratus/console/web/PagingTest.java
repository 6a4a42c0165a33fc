package io.stratus.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;

class PagingTest {
  private static HttpServletRequest request(String uri, String query) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            PagingTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRequestURI" -> uri;
                  case "getQueryString" -> query;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void shouldReadOneRowMoreThanAPageToKnowWhetherAnotherFollows() {
    Map<String, Object> params = new HashMap<>();
    assertEquals(" LIMIT :pageLimit OFFSET :pageOffset", Paging.of(2, 50).clause(params));
    assertEquals(51, params.get("pageLimit"));
    assertEquals(100L, params.get("pageOffset"));
    assertEquals(0, Paging.of(-3, 50).page(), "a negative page is the first");
  }

  @Test
  void shouldLinkTheNeighbouringPagesKeepingTheFilters() {
    ExtendedModelMap model = new ExtendedModelMap();
    List<Integer> rows =
        Paging.of(1, 2).rows(List.of(1, 2, 3), request("/volumes", "account=7&page=1"), model);
    assertEquals(List.of(1, 2), rows);
    Paging.Links links = (Paging.Links) model.get("pager");
    assertEquals("/volumes?account=7&page=0", links.previous());
    assertEquals("/volumes?account=7&page=2", links.next());
  }

  @Test
  void shouldOfferNoNextPageAfterTheLast() {
    ExtendedModelMap model = new ExtendedModelMap();
    List<Integer> rows = Paging.of(0, 2).rows(List.of(1, 2), request("/snapshots", null), model);
    assertEquals(List.of(1, 2), rows);
    Paging.Links links = (Paging.Links) model.get("pager");
    assertNull(links.previous());
    assertNull(links.next());
  }
}
