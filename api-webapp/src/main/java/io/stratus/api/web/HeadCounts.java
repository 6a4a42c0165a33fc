package io.stratus.api.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stratus.api.Api;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code HEAD} on a collection ({@code /api/enstratus/2013-03-13/<family>/<Type>}): answers what
 * {@code GET} would, headers and status, with {@code x-es-count} (how many items the GET lists,
 * with the same filters and rights) and no body. It runs the GET and counts the elements of the
 * answer's list; a paged collection, whose GET lists one page, sets the count of the whole listing
 * itself when {@link #countOnly} says a count is all that is wanted. Signed as a HEAD: it runs
 * after the signature filter.
 */
public final class HeadCounts extends OncePerRequestFilter {
  public static final String HEADER = "x-es-count";
  private static final String COUNT_ONLY = HeadCounts.class.getName() + ".countOnly";
  private static final JsonFactory JSON = new JsonFactory();

  /** True when the request is a HEAD on a collection: a paged list sets {@link #HEADER} itself. */
  public static boolean countOnly(HttpServletRequest request) {
    return request.getAttribute(COUNT_ONLY) != null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!"HEAD".equals(request.getMethod()) || !collection(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(COUNT_ONLY, Boolean.TRUE);
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public String getMethod() {
            return "GET";
          }
        },
        answer);
    if (answer.getStatus() == 200 && !response.containsHeader(HEADER)) {
      long count = count(answer.getContentAsByteArray());
      if (count >= 0) {
        response.setHeader(HEADER, Long.toString(count));
      }
    }
    // The body is dropped: a HEAD answers headers only.
  }

  /** Two segments after the version: {@code geography/Cloud}, not {@code geography/Cloud/4}. */
  static boolean collection(String uri) {
    String prefix = Api.BASE + "/";
    if (uri == null || !uri.startsWith(prefix)) {
      return false;
    }
    String rest = uri.substring(prefix.length());
    int slash = rest.indexOf('/');
    return slash > 0 && slash < rest.length() - 1 && rest.indexOf('/', slash + 1) < 0;
  }

  /** The size of the list in {@code {"<plural>":[...]}}; -1 when the answer is not so shaped. */
  static long count(byte[] body) throws IOException {
    try (JsonParser json = JSON.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT
          || json.nextToken() != JsonToken.FIELD_NAME
          || json.nextToken() != JsonToken.START_ARRAY) {
        return -1;
      }
      long count = 0;
      for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
        if (t == null) {
          return -1;
        }
        count++;
        json.skipChildren();
      }
      return count;
    }
  }
}
