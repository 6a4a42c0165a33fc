package io.stratus.km;

import io.stratus.web.HttpsServer;
import io.stratus.web.ServerSettings;

/**
 * The Key Manager in an embedded Tomcat: one HTTPS connector (port 2013 by default) that requires a
 * client certificate chaining to the installation CA, with the KM's own key store. Used by the
 * tests and the single-machine mode; a standalone Tomcat runs the same WAR with the same connector
 * settings in {@code server.xml} (see docs/security.md).
 *
 * <p>{@code main} takes the etc directory (default {@code $STRATUS_ETC}, else {@code
 * /services/km/etc}) and runs until the process is stopped.
 */
public final class KmServer implements AutoCloseable {
  private final HttpsServer server;

  private KmServer(HttpsServer server) {
    this.server = server;
  }

  /**
   * Starts the KM: opens and migrates its schema, then listens.
   *
   * @throws IllegalStateException if Tomcat or the KM's context does not start (the cause says why:
   *     a port in use, the database unreachable, a schema mismatch)
   */
  public static KmServer start(KmSettings settings) {
    ServerSettings listen =
        new ServerSettings(
            settings.address(), settings.port(), settings.maxThreads(), settings.maxBodyBytes());
    return new KmServer(
        HttpsServer.start(
            "Key Manager", listen, settings.tls().load(), new KmWebInitializer(settings)));
  }

  /** The port it listens on (the chosen one when {@code server.port=0}). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  public static void main(String[] args) throws InterruptedException {
    HttpsServer.runUntilStopped("km", args, config -> start(KmSettings.from(config)).server);
  }
}
