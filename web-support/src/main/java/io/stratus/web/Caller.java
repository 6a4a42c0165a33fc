package io.stratus.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as the client certificate says (component and host) and as the connection says
 * (remote address). Set on every request by {@link ComponentAccessFilter}, refused or not.
 */
public record Caller(String component, String host, String address) {
  /** The request attribute that holds the caller. */
  public static final String ATTRIBUTE = Caller.class.getName();

  /** The caller of {@code request}, or an anonymous one if the filter did not identify it. */
  public static Caller of(HttpServletRequest request) {
    Object caller = request.getAttribute(ATTRIBUTE);
    return caller instanceof Caller c ? c : new Caller("unknown", null, request.getRemoteAddr());
  }
}
