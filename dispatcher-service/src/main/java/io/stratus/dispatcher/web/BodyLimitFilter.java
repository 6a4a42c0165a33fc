package io.stratus.dispatcher.web;

import io.stratus.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than the limit with 413 before reading it, and closes the connection so the
 * unread body does not linger on it. A body without a length (chunked) is refused too: no caller of
 * the Dispatcher needs one.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
  private final int maxBytes;

  public BodyLimitFilter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || chunked) {
      response.setHeader("Connection", "close");
      ErrorResponses.write(
          response,
          chunked ? 411 : 413,
          chunked
              ? "send the body with a Content-Length"
              : "the body is " + length + " bytes; at most " + maxBytes + " are accepted");
      return;
    }
    chain.doFilter(request, response);
  }
}
