package io.stratus.api.web;

import io.stratus.api.Api;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The older enStratus versions clients pin, {@code 2012-02-29} and {@code 2012-06-15}, served by
 * the 2013-03-13 API: a signed request to {@code /api/enstratus/2012-06-15/...} is forwarded to the
 * same path under {@link Api#BASE}, query included. It runs after the signature check, which covers
 * the path the client signed; none of the resources Stratus serves differs between these versions
 * in a way a client of the older ones reads (docs/api.md, "Versions").
 */
public final class VersionAliases extends OncePerRequestFilter {
  /** The older versions served, newest first. */
  public static final List<String> OLDER = List.of("2012-06-15", "2012-02-29");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String current = current(request.getRequestURI());
    if (current == null) {
      chain.doFilter(request, response);
      return;
    }
    // A forward keeps the request's own parameters: the query is not repeated.
    request.getRequestDispatcher(current).forward(request, response);
  }

  /** The path under the current version for a path under an older one; null for any other. */
  static String current(String uri) {
    if (uri == null) {
      return null;
    }
    for (String version : OLDER) {
      String prefix = Api.ROOT + "/" + version;
      if (uri.equals(prefix) || uri.startsWith(prefix + "/")) {
        return Api.BASE + uri.substring(prefix.length());
      }
    }
    return null;
  }
}
