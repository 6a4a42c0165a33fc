package io.stratus.dispatcher;

import io.stratus.cloud.spi.EndpointAllowList;
import io.stratus.common.config.Config;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.keys.KeySettings;
import io.stratus.common.km.KmClientSettings;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.pki.TlsSettings;
import io.stratus.dispatcher.agent.AgentSettings;
import io.stratus.web.ServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Dispatcher's settings, from {@code etc/dispatcher.properties} (each key overridable by {@code
 * STRATUS_<KEY>}). Validated once; a misspelt key stops the start naming it.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code server.port} (default 3302), {@code server.address} (default 0.0.0.0), {@code
 *       server.max-threads} (default 64): the embedded launcher's HTTPS connector ({@link
 *       ServerSettings}); a WAR in a standalone Tomcat uses {@code server.xml}
 *   <li>{@code tls.keystore}, {@code tls.truststore} (required): the Dispatcher's own {@code
 *       dispatcher.p12} and the installation's {@code truststore.p12}; also used to call the KM
 *   <li>{@code db.url} (required), {@code db.user}, {@code db.password}, ...: the main schema
 *   <li>{@code db.migrate} (default true): apply the {@code stratus} migrations at start; when
 *       false the Dispatcher refuses to start on a schema that is not current
 *   <li>{@code amqp.uri} (required), {@code amqp.prefix}, ...: the broker ({@link AmqpSettings})
 *   <li>{@code km.url} (required), {@code km.timeout}, {@code km.connect-timeout}: the Key Manager
 *   <li>{@code keys.kek.file} (required), {@code keys.cache.ttl}: the key-encryption key
 *   <li>{@code agent.ca.dir}, {@code agent.url}, {@code agent.token.ttl}, {@code
 *       agent.certificate.lifetime}: bringing in guest agents ({@link AgentSettings})
 *   <li>{@code cloud.endpoint.allow} (default none): the endpoints a customer may give a cloud
 *       account besides its cloud's own (the catalogue's), comma-separated URL prefixes or {@code
 *       host:port} ({@link EndpointAllowList}); anything else is refused at registration
 *   <li>{@code schedule.interval} (default 5s): how often the Dispatcher looks for servers whose
 *       scheduled termination or stop is due ({@code ServerSchedules}); between 1s and 5m
 *   <li>{@code dispatcher.max-body-bytes} (default 65536): the largest request body accepted
 *   <li>{@code log.dir} (optional): write {@code dispatcher.log} there as well as to the console
 * </ul>
 */
public record DispatcherSettings(
    ServerSettings server,
    TlsSettings tls,
    DatabaseSettings database,
    boolean migrate,
    AmqpSettings amqp,
    KmClientSettings km,
    KeySettings keys,
    AgentSettings agent,
    EndpointAllowList cloudEndpoints,
    Duration scheduleInterval,
    Optional<Path> logDir) {

  public static final int PORT = 3302;

  /** Reads every key and fails on any key it does not know. */
  public static DispatcherSettings from(Config config) {
    int maxBody = config.getInt("dispatcher.max-body-bytes", 65536);
    if (maxBody < 1024 || maxBody > 16 * 1024 * 1024) {
      throw config.error("dispatcher.max-body-bytes", "must be between 1024 and 16777216");
    }
    ServerSettings server = ServerSettings.from(config, PORT, maxBody);
    DispatcherSettings settings =
        new DispatcherSettings(
            server,
            TlsSettings.from(config, "tls"),
            DatabaseSettings.from(config, "db"),
            config.getBoolean("db.migrate", true),
            AmqpSettings.from(config, "amqp"),
            KmClientSettings.from(config),
            KeySettings.from(config),
            AgentSettings.from(config, server.port()),
            cloudEndpoints(config),
            scheduleInterval(config),
            config.optional("log.dir").map(Path::of));
    config.rejectUnknownKeys();
    return settings;
  }

  private static Duration scheduleInterval(Config config) {
    Duration interval = config.getDuration("schedule.interval", Duration.ofSeconds(5));
    if (interval.compareTo(Duration.ofSeconds(1)) < 0
        || interval.compareTo(Duration.ofMinutes(5)) > 0) {
      throw config.error("schedule.interval", "must be between 1s and 5m");
    }
    return interval;
  }

  private static EndpointAllowList cloudEndpoints(Config config) {
    try {
      return EndpointAllowList.of(config.getList("cloud.endpoint.allow"));
    } catch (IllegalArgumentException e) {
      throw config.error("cloud.endpoint.allow", e.getMessage());
    }
  }
}
