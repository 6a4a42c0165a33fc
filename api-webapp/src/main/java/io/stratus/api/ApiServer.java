package io.stratus.api;

import io.stratus.web.HttpsServer;

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
            HttpsServer.ErrorPages.JSON,
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
    HttpsServer.runUntilStopped("api", args, config -> start(ApiSettings.from(config)).server);
  }
}
