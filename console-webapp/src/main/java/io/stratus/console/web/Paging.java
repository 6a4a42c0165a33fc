package io.stratus.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list: the SQL clause that reads it (one row more than a page, to know whether
 * another follows) and the links to the pages before and after, keeping the list's filters. The
 * layout's {@code pager} fragment shows the links.
 */
public record Paging(int page, int size) {

  /** The links a list page shows; null where there is no such page. */
  public record Links(String previous, String next) {}

  public static Paging of(int page, int size) {
    return new Paging(Math.max(0, page), size);
  }

  /** {@code LIMIT … OFFSET …} for this page, its values put into {@code params}. */
  public String clause(Map<String, Object> params) {
    params.put("pageLimit", size + 1);
    params.put("pageOffset", (long) page * size);
    return " LIMIT :pageLimit OFFSET :pageOffset";
  }

  /** This page's rows of {@code fetched}; adds the links ({@code pager}) to the model. */
  public <T> List<T> rows(List<T> fetched, HttpServletRequest request, Model model) {
    boolean more = fetched.size() > size;
    model.addAttribute(
        "pager",
        new Links(
            page > 0 ? link(request, page - 1) : null, more ? link(request, page + 1) : null));
    return more ? fetched.subList(0, size) : fetched;
  }

  private static String link(HttpServletRequest request, int page) {
    String query = request.getQueryString();
    return UriComponentsBuilder.fromUriString(
            request.getRequestURI() + (query == null ? "" : "?" + query))
        .replaceQueryParam("page", page)
        .build()
        .toUriString();
  }
}
