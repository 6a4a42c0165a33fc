package io.stratus.api.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who signed a request: the API key's customer and user. Controllers take it as an argument; the
 * signature filter sets it, so no controller runs without one.
 */
public record Principal(long customerId, long userId, long apiKeyId, String accessKey) {
  static final String ATTRIBUTE = Principal.class.getName();
  static final String GRANTS = ApiKeyStore.Grants.class.getName();

  /** What the key's user was granted, read with the key, when the signature filter ran. */
  public static ApiKeyStore.Grants grants(HttpServletRequest request) {
    return request.getAttribute(GRANTS) instanceof ApiKeyStore.Grants g ? g : null;
  }

  public static Principal of(HttpServletRequest request) {
    Object value = request.getAttribute(ATTRIBUTE);
    if (value instanceof Principal principal) {
      return principal;
    }
    throw new IllegalStateException("no principal: the signature filter did not run");
  }
}
