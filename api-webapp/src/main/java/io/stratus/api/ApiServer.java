package io.stratus.api;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.web.EtcDirectory;
import io.stratus.web.HttpsServer;
import java.nio.file.Path;

/**
 * The public API in an embedded Tomcat on 8081 (server TLS; requests are signed, not certified),
 * for the tests and the single-machine mode; a standalone Tomcat runs the same WAR. {@code main}
 * takes the etc directory (default {@code $STRATUS_ETC}, else {@code /services/api/etc}).
 */
public final class ApiServer implements AutoCloseable {
  private final HttpsServer server;

  private ApiServer(HttpsServer server) {
    this.server = server;
  }

  /**
   * @throws IllegalStateException if it does not start, saying why
   */
  public static ApiServer start(ApiSettings settings) {
    return new ApiServer(
        HttpsServer.start(
            "API",
            settings.server(),
            settings.tls().load(),
            HttpsServer.ClientCertificate.NONE,
            new ApiWebInitializer(settings)));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  public static void main(String[] args) throws InterruptedException {
    ApiServer api;
    try {
      Path etc = args.length > 0 ? Path.of(args[0]) : EtcDirectory.of("api");
      api = start(ApiSettings.from(Config.load("api", etc)));
    } catch (ConfigException e) {
      System.err.println("stratus-api: " + e.getMessage());
      System.exit(1);
      return;
    }
    api.server.awaitShutdown();
  }
}
