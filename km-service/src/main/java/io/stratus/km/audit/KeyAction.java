package io.stratus.km.audit;

import jakarta.servlet.http.HttpServletRequest;

/** What a request to the Key Manager asked for, read from its method and path. */
public enum KeyAction {
  CREATE,
  FETCH,
  REPLACE,
  DELETE,
  OTHER;

  /** The action of {@code request}: {@code POST /keys}, {@code GET|PUT|DELETE /keys/{id}}. */
  public static KeyAction of(HttpServletRequest request) {
    String path = path(request);
    String method = request.getMethod();
    if (path.equals("/keys") || path.equals("/keys/")) {
      return "POST".equals(method) ? CREATE : OTHER;
    }
    if (path.startsWith("/keys/") && path.indexOf('/', "/keys/".length()) < 0) {
      return switch (method) {
        case "GET" -> FETCH;
        case "PUT" -> REPLACE;
        case "DELETE" -> DELETE;
        default -> OTHER;
      };
    }
    return OTHER;
  }

  /** The key id in the path, or null when there is none or it is not a number. */
  public static Long keyId(HttpServletRequest request) {
    String path = path(request);
    if (!path.startsWith("/keys/")) {
      return null;
    }
    try {
      return Long.parseLong(path.substring("/keys/".length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }
}
