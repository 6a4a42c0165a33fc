package io.stratus.console;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.web.EtcDirectory;
import io.stratus.web.HttpsServer;
import java.nio.file.Path;

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
    ConsoleServer console;
    try {
      Path etc = args.length > 0 ? Path.of(args[0]) : EtcDirectory.of("console");
      console = start(ConsoleSettings.from(Config.load("console", etc)));
    } catch (ConfigException e) {
      System.err.println("stratus-console: " + e.getMessage());
      System.exit(1);
      return;
    }
    console.server.awaitShutdown();
  }
}
