package io.stratus.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.security.web.RedirectStrategy;

/**
 * Every redirect the console's security sends (to sign in, back to the page first asked for, after
 * sign-out or a failed sign-in) as a path on the request's own origin: {@code Location: /signin},
 * never {@code https://<host>:<port>/signin}. The browser resolves it against the address it used,
 * so no redirect can change the scheme or port (Spring Security's default port mapper turned 8080
 * into 8443) or carry a forged {@code Host} header elsewhere. Tomcat keeps a path relative ({@code
 * useRelativeRedirects}, its default).
 */
public final class SameOriginRedirects implements RedirectStrategy {

  @Override
  public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url)
      throws IOException {
    response.sendRedirect(response.encodeRedirectURL(path(request.getContextPath(), url)));
  }

  /**
   * The path (and query) a URL leads to on this origin: an absolute URL (a saved request's) keeps
   * only its path, which already holds the context path; a path gets the context path in front.
   */
  public static String path(String contextPath, String url) {
    if (url.startsWith("/") && !url.startsWith("//")) {
      return contextPath + url;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return contextPath + "/";
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.startsWith("/")) {
      path = contextPath + "/" + path;
    }
    // "//host" at the start of a path would read as another host.
    path = "/" + path.replaceFirst("^/+", "");
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
