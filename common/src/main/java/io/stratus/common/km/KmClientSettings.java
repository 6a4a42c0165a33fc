package io.stratus.common.km;

import io.stratus.common.config.Config;
import java.net.URI;
import java.time.Duration;

/**
 * How the Dispatcher and the workers reach the Key Manager. The TLS identity they present is the
 * component's own ({@link io.stratus.common.pki.TlsSettings}, keys {@code tls.*}).
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code km.url} (required) the KM's base URL, {@code https://<km-host>:2013}
 *   <li>{@code km.timeout} (default 5s) how long one request may take
 *   <li>{@code km.connect-timeout} (default 2s) how long a TCP and TLS connect may take
 * </ul>
 */
public record KmClientSettings(URI url, Duration timeout, Duration connectTimeout) {

  public static KmClientSettings from(Config config) {
    String text = config.require("km.url");
    URI url;
    try {
      url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (IllegalArgumentException e) {
      throw config.error("km.url", "is not a URL");
    }
    if (!"https".equals(url.getScheme()) || url.getHost() == null) {
      throw config.error(
          "km.url",
          "must be an https:// URL such as https://km.example.com:2013, not '" + text + "'");
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null) {
      throw config.error("km.url", "must not carry user information or a query");
    }
    Duration timeout = config.getDuration("km.timeout", Duration.ofSeconds(5));
    Duration connectTimeout = config.getDuration("km.connect-timeout", Duration.ofSeconds(2));
    if (timeout.toMillis() < 100) {
      throw config.error("km.timeout", "must be at least 100ms");
    }
    if (connectTimeout.toMillis() < 100) {
      throw config.error("km.connect-timeout", "must be at least 100ms");
    }
    return new KmClientSettings(url, timeout, connectTimeout);
  }

  /** Settings with the default timeouts, for tools and tests. */
  public static KmClientSettings of(URI url) {
    return new KmClientSettings(url, Duration.ofSeconds(5), Duration.ofSeconds(2));
  }
}
