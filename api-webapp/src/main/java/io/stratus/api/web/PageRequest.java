package io.stratus.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * Which page of a list: enStratus' {@code requestPaginationId} and {@code requestPage}. The first
 * request names neither; its answer carries {@code x-es-pagination} (the id of this listing) and
 * {@code x-es-last-page}; the next pages are asked for with that id and page 2, 3, ...
 *
 * <p>The pagination id fixes the listing to the rows that existed when it began (the highest id
 * then), so rows added while a client pages do not shift the pages: each row is listed exactly
 * once. The id is stateless; any API instance serves any page.
 *
 * @param snapshot the highest row id the listing covers, or null on a first request
 * @param page 1-based
 */
public record PageRequest(Long snapshot, int page, int size) {
  public static final String PAGINATION_HEADER = "x-es-pagination";
  public static final String LAST_PAGE_HEADER = "x-es-last-page";
  private static final int MAX_PAGE = 1_000_000;

  /** From the query parameters; a malformed id or page is a 400. */
  public static PageRequest of(String paginationId, String page, int size) {
    Long snapshot = null;
    if (paginationId != null && !paginationId.isBlank()) {
      snapshot = decode(paginationId.trim());
    }
    int number = 1;
    if (page != null && !page.isBlank()) {
      try {
        number = Integer.parseInt(page.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("requestPage must be a page number");
      }
      if (number < 1 || number > MAX_PAGE) {
        throw ApiException.badRequest("requestPage must be between 1 and " + MAX_PAGE);
      }
      if (snapshot == null && number > 1) {
        throw ApiException.badRequest("requestPage needs the requestPaginationId of the listing");
      }
    }
    return new PageRequest(snapshot, number, size);
  }

  public long offset() {
    return (long) (page - 1) * size;
  }

  /** Sets the paging headers and returns the page's items (the query asked for one extra). */
  public <T> List<T> answer(long snapshotId, List<T> rowsPlusOne, HttpServletResponse response) {
    boolean last = rowsPlusOne.size() <= size;
    headers(snapshotId, last, response);
    return last ? rowsPlusOne : rowsPlusOne.subList(0, size);
  }

  /** Sets the paging headers, for a page written by hand ({@link JsonBody}). */
  public void headers(long snapshotId, boolean last, HttpServletResponse response) {
    response.setHeader(PAGINATION_HEADER, encode(snapshotId));
    response.setHeader(LAST_PAGE_HEADER, String.valueOf(last));
  }

  static String encode(long snapshot) {
    return "P" + Long.toString(snapshot, 36).toUpperCase(java.util.Locale.ROOT);
  }

  static long decode(String id) {
    if (id.length() < 2 || id.length() > 14 || id.charAt(0) != 'P') {
      throw ApiException.badRequest("requestPaginationId is not one this API gave out");
    }
    try {
      long value = Long.parseLong(id.substring(1), 36);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("requestPaginationId is not one this API gave out");
    }
  }
}
