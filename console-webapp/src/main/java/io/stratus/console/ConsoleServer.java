package io.stratus.console;

import io.stratus.web.HttpsServer;

/**
 * The console in an embedded Tomcat on 8080 (server TLS; people sign in with a password), for the
 * tests and the single-machine mode; a standalone Tomcat runs the same WAR. {@code main} takes the
 * etc directory (default {@code $STRATUS_ETC}, else {@code /services/console/etc}).
 */
public final class ConsoleServer implements AutoCloseable {
  private final HttpsServer server;

  private ConsoleServer(HttpsServer server) {
    this.server = server;
  }

  /**
   * @throws IllegalStateException if it does not start, saying why
   */
  public static ConsoleServer start(ConsoleSettings settings) {
    return new ConsoleServer(
        HttpsServer.start(
            "console",
            settings.server(),
            settings.tls().load(),
            HttpsServer.ClientCertificate.NONE,
            HttpsServer.ErrorPages.HTML,
            new ConsoleWebInitializer(settings)));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  public static void main(String[] args) throws InterruptedException {
    HttpsServer.runUntilStopped(
        "console", args, config -> start(ConsoleSettings.from(config)).server);
  }
}
