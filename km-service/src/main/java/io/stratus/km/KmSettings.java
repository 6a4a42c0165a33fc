package io.stratus.km;

import io.stratus.common.config.Config;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.pki.TlsSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Key Manager's settings, from {@code etc/km.properties} (each key overridable by {@code
 * STRATUS_<KEY>}). Validated once, then immutable.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code server.port} (default 2013) the HTTPS port of the embedded launcher ({@link
 *       KmServer}); a WAR in a standalone Tomcat uses the connector in {@code server.xml}
 *   <li>{@code server.address} (default 0.0.0.0) the address to listen on
 *   <li>{@code server.max-threads} (default 64, 4..1000) request threads
 *   <li>{@code tls.keystore}, {@code tls.truststore} (required) the KM's own {@code km.p12} and the
 *       installation's {@code truststore.p12} ({@link TlsSettings})
 *   <li>{@code db.url} (required), {@code db.user}, {@code db.password}, {@code db.pool.size}, ...
 *       the KM's own schema {@code stratus_km} ({@link DatabaseSettings})
 *   <li>{@code db.migrate} (default true) apply the {@code stratus_km} migrations at start; when
 *       false the KM refuses to start on a schema that is not current
 *   <li>{@code keys.max-part-bytes} (default 16384, 256..65535) the largest public or private part
 *       accepted, in UTF-8 bytes; larger gets 413
 *   <li>{@code log.dir} (optional) write {@code km.log} there as well as to the console
 * </ul>
 */
public final class KmSettings {
  private final int port;
  private final String address;
  private final int maxThreads;
  private final TlsSettings tls;
  private final DatabaseSettings database;
  private final boolean migrate;
  private final int maxPartBytes;
  private final Optional<Path> logDir;

  private KmSettings(Config config) {
    this.port = config.getInt("server.port", 2013);
    if (port < 0 || port > 65535) {
      throw config.error("server.port", "must be a port number (0 picks a free one), not " + port);
    }
    this.address = config.get("server.address", "0.0.0.0");
    this.maxThreads = config.getInt("server.max-threads", 64);
    if (maxThreads < 4 || maxThreads > 1000) {
      throw config.error("server.max-threads", "must be between 4 and 1000, not " + maxThreads);
    }
    this.tls = TlsSettings.from(config, "tls");
    this.database = DatabaseSettings.from(config, "db");
    this.migrate = config.getBoolean("db.migrate", true);
    this.maxPartBytes = config.getInt("keys.max-part-bytes", 16384);
    if (maxPartBytes < 256 || maxPartBytes > 65535) {
      throw config.error(
          "keys.max-part-bytes",
          "must be between 256 and 65535 (the TEXT column's size), not " + maxPartBytes);
    }
    this.logDir = config.optional("log.dir").map(Path::of);
  }

  /** Reads every key and fails on any key it does not know (a misspelling). */
  public static KmSettings from(Config config) {
    KmSettings settings = new KmSettings(config);
    config.rejectUnknownKeys();
    return settings;
  }

  public int port() {
    return port;
  }

  public String address() {
    return address;
  }

  public int maxThreads() {
    return maxThreads;
  }

  public TlsSettings tls() {
    return tls;
  }

  public DatabaseSettings database() {
    return database;
  }

  public boolean migrate() {
    return migrate;
  }

  public int maxPartBytes() {
    return maxPartBytes;
  }

  /**
   * The largest request body accepted: two parts at their limit, JSON-escaped at worst (a part's
   * character may become {@code \\uXXXX}), plus the version and the JSON around them.
   */
  public int maxBodyBytes() {
    return 2 * 6 * maxPartBytes + 4096;
  }

  public Optional<Path> logDir() {
    return logDir;
  }

  @Override
  public String toString() {
    return "KmSettings[port="
        + port
        + ", address="
        + address
        + ", maxPartBytes="
        + maxPartBytes
        + "]";
  }
}
