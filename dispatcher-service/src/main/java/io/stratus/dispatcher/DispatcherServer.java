package io.stratus.dispatcher;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.web.EtcDirectory;
import io.stratus.web.HttpsServer;
import java.nio.file.Path;

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
    DispatcherServer dispatcher;
    try {
      Path etc = args.length > 0 ? Path.of(args[0]) : EtcDirectory.of("dispatcher");
      dispatcher = start(DispatcherSettings.from(Config.load("dispatcher", etc)));
    } catch (ConfigException e) {
      System.err.println("stratus-dispatcher: " + e.getMessage());
      System.exit(1);
      return;
    }
    dispatcher.server.awaitShutdown();
  }
}
