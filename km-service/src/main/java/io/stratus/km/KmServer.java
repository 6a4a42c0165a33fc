package io.stratus.km;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.pki.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(KmServer.class);

  private final Tomcat tomcat;
  private final Connector connector;
  private final Path baseDir;

  private KmServer(Tomcat tomcat, Connector connector, Path baseDir) {
    this.tomcat = tomcat;
    this.connector = connector;
    this.baseDir = baseDir;
  }

  /**
   * Starts the KM: opens and migrates its schema, then listens.
   *
   * @throws IllegalStateException if Tomcat or the KM's context does not start (the cause says why:
   *     a port in use, the database unreachable, a schema mismatch)
   */
  public static KmServer start(KmSettings settings) {
    TlsMaterial tls = settings.tls().load();
    Path baseDir;
    try {
      baseDir = Files.createTempDirectory("stratus-km-tomcat-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = httpsConnector(settings, tls);
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    context.addServletContainerInitializer(
        (classes, servletContext) -> {
          try {
            new KmWebInitializer(settings).onStartup(servletContext);
          } catch (RuntimeException e) {
            failure.set(e);
            throw e;
          }
        },
        Set.of());
    KmServer server = new KmServer(tomcat, connector, baseDir);
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      server.close();
      throw new IllegalStateException("the Key Manager did not start: " + e.getMessage(), e);
    }
    if (failure.get() != null) {
      server.close();
      throw new IllegalStateException(
          "the Key Manager did not start: " + failure.get().getMessage(), failure.get());
    }
    if (!context.getState().isAvailable() || connector.getLocalPort() < 0) {
      server.close();
      throw new IllegalStateException(
          "the Key Manager did not start: port " + settings.port() + " may be in use");
    }
    log.info(
        "Key Manager listening on https://{}:{} (client certificate required)",
        settings.address(),
        server.port());
    return server;
  }

  /** The port it listens on (the chosen one when {@code server.port=0}). */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      log.warn("Key Manager did not stop cleanly: {}", e.getMessage());
    } finally {
      deleteQuietly(baseDir);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Path etc = args.length > 0 ? Path.of(args[0]) : KmWebInitializer.etcDir();
    KmServer server;
    try {
      server = start(KmSettings.from(Config.load("km", etc)));
    } catch (ConfigException e) {
      System.err.println("stratus-km: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "km-stop"));
    stopped.await();
  }

  private static Connector httpsConnector(KmSettings settings, TlsMaterial tls) {
    Connector connector = new Connector(Http11NioProtocol.class.getName());
    connector.setPort(settings.port());
    connector.setProperty("address", settings.address());
    connector.setScheme("https");
    connector.setSecure(true);
    connector.setProperty("SSLEnabled", "true");
    connector.setProperty("maxThreads", String.valueOf(settings.maxThreads()));
    // Callers keep their connections: never close one after N requests.
    connector.setProperty("maxKeepAliveRequests", "-1");
    connector.setProperty("keepAliveTimeout", "120000");
    connector.setProperty("server", "stratus-km");
    connector.setMaxPostSize(settings.maxBodyBytes());

    SSLHostConfig ssl = new SSLHostConfig();
    ssl.setProtocols("TLSv1.2+TLSv1.3");
    ssl.setCertificateVerification("required");
    ssl.setTrustStore(tls.trustStore());
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setCertificateKeystore(tls.keyStore());
    certificate.setCertificateKeystorePassword(new String(tls.keyStorePassword()));
    ssl.addCertificate(certificate);
    connector.addSslHostConfig(ssl);
    return connector;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a leftover temp file is harmless
                }
              });
    } catch (IOException e) {
      // already gone
    }
  }
}
