package io.stratus.cloud.openstack.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratus.cloud.openstack.http.OpenStackHttp;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A Keystone v3 token for one set of credentials, kept until shortly before it expires and then
 * renewed; {@link #invalidate} drops it when a service refused it (a 401), so the next call
 * authenticates again. Thread-safe.
 */
public final class KeystoneSession {
  /** A token is renewed once fewer than this many seconds are left on it. */
  public static final long DEFAULT_RENEW_MARGIN_SECONDS = 300;

  private final URI identity;
  private final KeystoneCredentials credentials;
  private final OpenStackHttp http;
  private final Clock clock;
  private final long renewMarginSeconds;
  private Token token;

  /**
   * @param identity Keystone's v3 URL, e.g. {@code http://127.0.0.1:5000/v3}
   */
  public KeystoneSession(
      URI identity,
      KeystoneCredentials credentials,
      OpenStackHttp http,
      Clock clock,
      long renewMarginSeconds) {
    String url = identity.toString();
    this.identity = URI.create(url.endsWith("/") ? url : url + "/");
    this.credentials = credentials;
    this.http = http;
    this.clock = clock;
    this.renewMarginSeconds = renewMarginSeconds;
  }

  /** A token with more than the renewal margin left, fetching a new one if needed. */
  public synchronized Token token() {
    if (token == null || token.expiresWithin(clock.instant(), renewMarginSeconds)) {
      token = authenticate();
    }
    return token;
  }

  /** Forgets {@code refused} (a service answered 401 to it), unless a newer token replaced it. */
  public synchronized void invalidate(Token refused) {
    if (token == refused) {
      token = null;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record TokenReply(Body token) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Body(
        @JsonProperty("expires_at") String expiresAt, List<ServiceCatalog.Service> catalog) {}
  }

  private Token authenticate() {
    OpenStackHttp.Reply reply =
        http.send(
            "identity",
            "POST",
            identity.resolve("auth/tokens"),
            Map.of(),
            credentials.authRequest());
    String value =
        reply
            .header("X-Subject-Token")
            .orElseThrow(
                () ->
                    new CloudException(
                        CloudErrorType.AUTHENTICATION,
                        reply.status(),
                        null,
                        "Keystone issued no token (no X-Subject-Token header)",
                        null));
    TokenReply body = reply.as(TokenReply.class);
    if (body.token() == null || body.token().expiresAt() == null) {
      throw new CloudException(
          CloudErrorType.COMMUNICATION,
          reply.status(),
          null,
          "Keystone's token has no expiry",
          null);
    }
    Instant expires;
    try {
      expires = Instant.parse(body.token().expiresAt());
    } catch (DateTimeParseException e) {
      throw new CloudException(
          CloudErrorType.COMMUNICATION,
          reply.status(),
          null,
          "Keystone's token expiry is not a time",
          e);
    }
    return new Token(value, expires, new ServiceCatalog(body.token().catalog()));
  }

  @Override
  public String toString() {
    return "KeystoneSession[" + identity + ", " + credentials + "]";
  }
}
