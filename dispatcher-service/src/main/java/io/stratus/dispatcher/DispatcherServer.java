package io.stratus.dispatcher;

import io.stratus.web.HttpsServer;

/**
 * The Dispatcher in an embedded Tomcat on 3302 (mutual TLS), for the tests and the single-machine
 * mode; a standalone Tomcat runs the same WAR. {@code main} takes the etc directory (default {@code
 * $STRATUS_ETC}, else {@code /services/dispatcher/etc}) and runs until the process is stopped.
 */
public final class DispatcherServer implements AutoCloseable {
  private final HttpsServer server;

  private DispatcherServer(HttpsServer server) {
    this.server = server;
  }

  /**
   * @throws IllegalStateException if it does not start, saying why
   */
  public static DispatcherServer start(DispatcherSettings settings) {
    return new DispatcherServer(
        HttpsServer.start(
            "Dispatcher",
            settings.server(),
            settings.tls().load(),
            // Asked for, not required: an agent's first handshake comes without one; the access
            // filter lets such a call reach that one path and nothing else.
            HttpsServer.ClientCertificate.OPTIONAL,
            new DispatcherWebInitializer(settings)));
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
        "dispatcher", args, config -> start(DispatcherSettings.from(config)).server);
  }
}
