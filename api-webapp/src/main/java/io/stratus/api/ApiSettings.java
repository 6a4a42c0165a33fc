package io.stratus.api;

import io.stratus.common.config.Config;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.keys.KeySettings;
import io.stratus.common.pki.TlsSettings;
import io.stratus.web.ServerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The public API's settings, from {@code etc/api.properties} (each key overridable by {@code
 * STRATUS_<KEY>}). Validated once; a misspelt key stops the start naming it.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code server.port} (default 8081), {@code server.address} (default 0.0.0.0), {@code
 *       server.max-threads} (default 64): the embedded launcher's HTTPS connector (server TLS only:
 *       callers prove who they are by signing each request)
 *   <li>{@code tls.keystore}, {@code tls.truststore} (required): the {@code api} component's {@code
 *       api.p12} and the installation's {@code truststore.p12}; the connector presents it and the
 *       same identity calls the Dispatcher over mutual TLS
 *   <li>{@code dispatcher.url} (required): the Dispatcher, {@code https://<host>:3302}
 *   <li>{@code dispatcher.timeout} (default 30s, 1s..5m): one call to the Dispatcher
 *   <li>{@code db.url} (required), {@code db.user}, {@code db.password}, {@code db.replica.*}: the
 *       main schema, read (replica-capable); the schema must be current
 *   <li>{@code keys.kek.file} (required), {@code keys.cache.ttl}: the key-encryption key, to open
 *       API key secrets sealed with each customer's keys
 *   <li>{@code api.page-size} (default 250, 10..1000): items per page of a list
 *   <li>{@code api.max-body-bytes} (default 65536, 1024..16777216): the largest request body
 *   <li>{@code api.clock-skew} (default 5m, 10s..15m): how far a request's timestamp may be from
 *       the server's clock; a signature seen within it is refused as a replay
 *   <li>{@code api.rate-limit} (default 200, 1..100000): requests a second allowed per API key,
 *       after a burst of {@code api.rate-limit.burst} (default the larger of the rate and 500);
 *       beyond it a 429 with {@code Retry-After}
 *   <li>{@code log.dir} (optional): write {@code api.log} there as well as to the console
 * </ul>
 */
public record ApiSettings(
    ServerSettings server,
    TlsSettings tls,
    URI dispatcherUrl,
    Duration dispatcherTimeout,
    DatabaseSettings database,
    KeySettings keys,
    int pageSize,
    Duration clockSkew,
    int rateLimit,
    int rateBurst,
    Optional<Path> logDir) {

  public static final int PORT = 8081;

  /** Reads every key and fails on any key it does not know. */
  public static ApiSettings from(Config config) {
    int maxBody = config.getInt("api.max-body-bytes", 65536);
    if (maxBody < 1024 || maxBody > 16 * 1024 * 1024) {
      throw config.error("api.max-body-bytes", "must be between 1024 and 16777216, not " + maxBody);
    }
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
    Duration timeout = config.getDuration("dispatcher.timeout", Duration.ofSeconds(30));
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw config.error("dispatcher.timeout", "must be between 1s and 5m");
    }
    int pageSize = config.getInt("api.page-size", 250);
    if (pageSize < 10 || pageSize > 1000) {
      throw config.error("api.page-size", "must be between 10 and 1000, not " + pageSize);
    }
    Duration skew = config.getDuration("api.clock-skew", Duration.ofMinutes(5));
    if (skew.compareTo(Duration.ofSeconds(10)) < 0 || skew.compareTo(Duration.ofMinutes(15)) > 0) {
      throw config.error("api.clock-skew", "must be between 10s and 15m");
    }
    int rate = config.getInt("api.rate-limit", 200);
    if (rate < 1 || rate > 100_000) {
      throw config.error("api.rate-limit", "must be between 1 and 100000 requests a second");
    }
    int burst = config.getInt("api.rate-limit.burst", Math.max(rate, 500));
    if (burst < rate || burst > 1_000_000) {
      throw config.error("api.rate-limit.burst", "must be between api.rate-limit and 1000000");
    }
    ApiSettings settings =
        new ApiSettings(
            ServerSettings.from(config, PORT, maxBody),
            TlsSettings.from(config, "tls"),
            dispatcher,
            timeout,
            DatabaseSettings.from(config, "db"),
            KeySettings.from(config),
            pageSize,
            skew,
            rate,
            burst,
            config.optional("log.dir").map(Path::of));
    config.rejectUnknownKeys();
    return settings;
  }
}
