package io.stratus.console;

import io.stratus.common.config.Config;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.keys.KeySettings;
import io.stratus.common.pki.TlsSettings;
import io.stratus.web.ServerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The console's settings, from {@code etc/console.properties} (each key overridable by {@code
 * STRATUS_<KEY>}). Validated once; a misspelt key stops the start naming it.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code server.port} (default 8080), {@code server.address} (default 0.0.0.0), {@code
 *       server.max-threads} (default 64): the embedded launcher's HTTPS connector
 *   <li>{@code tls.keystore}, {@code tls.truststore} (required): the {@code console} component's
 *       {@code console.p12} and the installation's {@code truststore.p12}; browsers see this
 *       certificate, and the same identity calls the Dispatcher over mutual TLS
 *   <li>{@code dispatcher.url} (required): the Dispatcher, {@code https://<host>:3302}
 *   <li>{@code dispatcher.timeout} (default 30s, 1s..5m): one call to the Dispatcher
 *   <li>{@code db.url} (required), {@code db.user}, {@code db.password}, {@code db.replica.*}: the
 *       main schema (pages read it, replica-capable; sessions and sign-in state are written to the
 *       primary); the schema must be current
 *   <li>{@code keys.kek.file} (required), {@code keys.cache.ttl}: the key-encryption key, to seal
 *       the secrets of API keys made in the console with the customer's keys
 *   <li>{@code session.idle-timeout} (default 30m, 1m..24h): a session unused this long ends
 *   <li>{@code session.absolute-timeout} (default 12h, 5m..7d): a session this old ends, used or
 *       not
 *   <li>{@code signin.max-failures} (default 5, 1..100): wrong passwords in a row before an
 *       account's sign-in is throttled
 *   <li>{@code signin.lockout} (default 15m, 10s..24h): how long it then refuses every password,
 *       doubling with each further failure up to 24 hours
 *   <li>{@code console.page-size} (default 50, 10..500): rows per page of a list
 *   <li>{@code log.dir} (optional): write {@code console.log} there as well as to the console
 *   <li>{@code proxy.trusted} (default none): the reverse proxies or load balancers in front of the
 *       console, as comma-separated IP addresses or CIDR ranges ({@code 10.0.0.5, 10.1.0.0/16});
 *       only requests from these may set the browser's address, scheme, host and port with {@code
 *       Forwarded} or {@code X-Forwarded-*} headers; anyone else's are removed
 * </ul>
 */
public record ConsoleSettings(
    ServerSettings server,
    TlsSettings tls,
    URI dispatcherUrl,
    Duration dispatcherTimeout,
    DatabaseSettings database,
    KeySettings keys,
    Duration idleTimeout,
    Duration absoluteTimeout,
    int maxFailures,
    Duration lockout,
    int pageSize,
    Optional<Path> logDir,
    List<String> trustedProxies) {

  public static final int PORT = 8080;

  /** Reads every key and fails on any key it does not know. */
  public static ConsoleSettings from(Config config) {
    URI dispatcher;
    String url = config.require("dispatcher.url");
    try {
      dispatcher = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw config.error("dispatcher.url", "is not a URL: " + e.getMessage());
    }
    if (!"https".equals(dispatcher.getScheme()) || dispatcher.getHost() == null) {
      throw config.error("dispatcher.url", "must be https://<host>:<port>, not " + url);
    }
    Duration timeout =
        between(config, "dispatcher.timeout", Duration.ofSeconds(30), "1s", "5m", 1, 300);
    Duration idle =
        between(config, "session.idle-timeout", Duration.ofMinutes(30), "1m", "24h", 60, 86_400);
    Duration absolute =
        between(
            config, "session.absolute-timeout", Duration.ofHours(12), "5m", "7d", 300, 7 * 86_400);
    int failures = config.getInt("signin.max-failures", 5);
    if (failures < 1 || failures > 100) {
      throw config.error("signin.max-failures", "must be between 1 and 100, not " + failures);
    }
    Duration lockout =
        between(config, "signin.lockout", Duration.ofMinutes(15), "10s", "24h", 10, 86_400);
    int pageSize = config.getInt("console.page-size", 50);
    if (pageSize < 10 || pageSize > 500) {
      throw config.error("console.page-size", "must be between 10 and 500, not " + pageSize);
    }
    ConsoleSettings settings =
        new ConsoleSettings(
            ServerSettings.from(config, PORT, 1024 * 1024),
            TlsSettings.from(config, "tls"),
            dispatcher,
            timeout,
            DatabaseSettings.from(config, "db"),
            KeySettings.from(config),
            idle,
            absolute,
            failures,
            lockout,
            pageSize,
            config.optional("log.dir").map(Path::of),
            trustedProxies(config));
    config.rejectUnknownKeys();
    return settings;
  }

  private static List<String> trustedProxies(Config config) {
    List<String> proxies = config.getList("proxy.trusted");
    for (String proxy : proxies) {
      // Addresses only: a host name would be looked up in DNS for every request.
      if (!proxy.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?")) {
        throw config.error("proxy.trusted", "must list IP addresses or CIDR ranges, not " + proxy);
      }
      try {
        new IpAddressMatcher(proxy);
      } catch (IllegalArgumentException e) {
        throw config.error("proxy.trusted", "is not an IP address or CIDR range: " + proxy);
      }
    }
    return proxies;
  }

  private static Duration between(
      Config config, String key, Duration fallback, String min, String max, long minS, long maxS) {
    Duration value = config.getDuration(key, fallback);
    if (value.getSeconds() < minS || value.getSeconds() > maxS) {
      throw config.error(key, "must be between " + min + " and " + max);
    }
    return value;
  }
}
