package io.stratus.common.db;

import io.stratus.common.config.Config;
import io.stratus.common.config.Secret;
import java.time.Duration;
import java.util.List;

/**
 * Where and how to reach one MySQL schema: the primary, and optionally read replicas.
 *
 * <p>Keys, under a prefix such as {@code db}:
 *
 * <ul>
 *   <li>{@code db.url} (required) JDBC URL of the primary, e.g. {@code
 *       jdbc:mysql://127.0.0.1:3306/stratus}
 *   <li>{@code db.user} (default {@code stratus}), {@code db.password} (default empty)
 *   <li>{@code db.pool.size} (default 10, 1..200) maximum connections to the primary
 *   <li>{@code db.connect-timeout} (default 5s) how long to wait for a pooled connection
 *   <li>{@code db.startup-timeout} (default 60s, at least the connect timeout) how long start-up
 *       keeps trying a database that does not answer (restarting, or slow under load) before it
 *       fails; a refused user or password fails at once
 *   <li>{@code db.replica.urls} comma-separated JDBC URLs of read replicas (default none)
 *   <li>{@code db.replica.user}, {@code db.replica.password} (default: the primary's)
 *   <li>{@code db.replica.pool.size} (default: the primary's) per replica
 * </ul>
 */
public record DatabaseSettings(
    String url,
    String user,
    Secret password,
    int poolSize,
    Duration connectTimeout,
    Duration startupTimeout,
    List<String> replicaUrls,
    String replicaUser,
    Secret replicaPassword,
    int replicaPoolSize) {

  public DatabaseSettings {
    replicaUrls = List.copyOf(replicaUrls);
  }

  /** Reads and validates the keys under {@code prefix}; fails naming the first bad key. */
  public static DatabaseSettings from(Config config, String prefix) {
    String url = config.require(prefix + ".url");
    if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
      throw config.error(prefix + ".url", "must be a jdbc:mysql:// URL, not '" + redact(url) + "'");
    }
    if (url.toLowerCase().contains("password=")) {
      throw config.error(
          prefix + ".url", "must not carry a password; set " + prefix + ".password instead");
    }
    String user = config.get(prefix + ".user", "stratus");
    Secret password = config.secret(prefix + ".password").orElse(Secret.of(""));
    int poolSize = config.getInt(prefix + ".pool.size", 10);
    if (poolSize < 1 || poolSize > 200) {
      throw config.error(prefix + ".pool.size", "must be between 1 and 200, not " + poolSize);
    }
    Duration connectTimeout =
        config.getDuration(prefix + ".connect-timeout", Duration.ofSeconds(5));
    if (connectTimeout.toMillis() < 250) {
      throw config.error(prefix + ".connect-timeout", "must be at least 250ms");
    }
    Duration startupTimeout =
        config.getDuration(prefix + ".startup-timeout", Duration.ofSeconds(60));
    if (startupTimeout.compareTo(connectTimeout) < 0) {
      throw config.error(
          prefix + ".startup-timeout", "must be at least " + prefix + ".connect-timeout");
    }
    List<String> replicas = config.getList(prefix + ".replica.urls");
    for (String replica : replicas) {
      if (!replica.startsWith("jdbc:mysql:") && !replica.startsWith("jdbc:mariadb:")) {
        throw config.error(prefix + ".replica.urls", "holds a URL that is not jdbc:mysql://");
      }
      if (replica.equals(url)) {
        throw config.error(
            prefix + ".replica.urls", "must not list the primary " + prefix + ".url");
      }
    }
    String replicaUser = config.get(prefix + ".replica.user", user);
    Secret replicaPassword = config.secret(prefix + ".replica.password").orElse(password);
    int replicaPoolSize = config.getInt(prefix + ".replica.pool.size", poolSize);
    if (replicaPoolSize < 1 || replicaPoolSize > 200) {
      throw config.error(prefix + ".replica.pool.size", "must be between 1 and 200");
    }
    return new DatabaseSettings(
        url,
        user,
        password,
        poolSize,
        connectTimeout,
        startupTimeout,
        replicas,
        replicaUser,
        replicaPassword,
        replicaPoolSize);
  }

  /** Settings for a single primary with defaults, for tools and tests. */
  public static DatabaseSettings of(String url, String user, Secret password) {
    return new DatabaseSettings(
        url,
        user,
        password,
        10,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        List.of(),
        user,
        password,
        10);
  }

  /** The URL with any query string removed, safe to log. */
  static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
