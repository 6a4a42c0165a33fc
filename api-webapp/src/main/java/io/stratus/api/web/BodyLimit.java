package io.stratus.api.web;

import io.stratus.web.BodyLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code api.max-body-bytes} with 413 in the API's error format: at once when
 * the declared length is too large, while reading when a chunked body runs over (through the shared
 * {@link BodyLimitFilter}).
 */
public final class BodyLimit extends OncePerRequestFilter {
  private final long limit;
  private final BodyLimitFilter counting;

  public BodyLimit(long limit) {
    this.limit = limit;
    this.counting = new BodyLimitFilter(limit, (request, status, why) -> {});
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      response.setHeader("Connection", "close");
      ErrorBodies.write(response, 413, "the request body is larger than " + limit + " bytes");
      return;
    }
    counting.doFilter(request, response, chain);
  }
}
