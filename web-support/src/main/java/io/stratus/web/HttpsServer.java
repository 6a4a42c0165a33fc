package io.stratus.web;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.pki.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.WebApplicationInitializer;

/**
 * An internal service in an embedded Tomcat: one HTTPS connector that requires a client certificate
 * chaining to the installation CA (a client without one, or with another CA's, does not get past
 * the handshake), presenting the service's own certificate. The web application is the same {@link
 * WebApplicationInitializer} the WAR runs in a standalone Tomcat, whose {@code server.xml}
 * connector carries the same settings (see docs/pki.md).
 */
public final class HttpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpsServer.class);

  private final String name;
  private final Tomcat tomcat;
  private final Connector connector;
  private final Path baseDir;

  private HttpsServer(String name, Tomcat tomcat, Connector connector, Path baseDir) {
    this.name = name;
    this.tomcat = tomcat;
    this.connector = connector;
    this.baseDir = baseDir;
  }

  /**
   * Starts Tomcat and the application; returns once both answer.
   *
   * @param name the service's name for messages, e.g. "Key Manager"
   * @throws IllegalStateException if Tomcat or the application does not start (the cause says why:
   *     a port in use, the database unreachable, a schema mismatch)
   */
  public static HttpsServer start(
      String name, ServerSettings settings, TlsMaterial tls, WebApplicationInitializer app) {
    return start(name, settings, tls, ClientCertificate.REQUIRED, app);
  }

  /**
   * The only protocols and cipher suites offered: TLS 1.3, and TLS 1.2 with forward-secret AEAD
   * suites only (ECDHE with AES-GCM or ChaCha20-Poly1305); no CBC, no RSA key exchange.
   */
  public static final String PROTOCOLS = "TLSv1.2+TLSv1.3";

  public static final String CIPHERS =
      String.join(
          ",",
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * How Tomcat's own error answers look — those made before or outside the application (an encoded
   * slash in the path, a malformed request, an error nothing caught).
   */
  public static final class ErrorPages {
    /** Every JSON service's shape: an {@link ErrorBody}. */
    public static final ErrorPages JSON = new ErrorPages(true);

    /** Tomcat's bare status page, without report or version: for the console's browsers. */
    public static final ErrorPages HTML = new ErrorPages(false);

    private final boolean json;

    private ErrorPages(boolean json) {
      this.json = json;
    }

    ErrorReportValve valve() {
      if (!json) {
        ErrorReportValve errors = new ErrorReportValve();
        errors.setShowReport(false);
        errors.setShowServerInfo(false);
        return errors;
      }
      return new JsonErrorReportValve();
    }
  }

  /** Whether a client must present a certificate to get past the TLS handshake. */
  public enum ClientCertificate {
    /** No certificate, or another CA's, never gets past the handshake. */
    REQUIRED,
    /**
     * A certificate is asked for and, when given, must chain to the installation CA; a client
     * without one gets through, and the application's access filter decides what it may reach (the
     * Dispatcher's agent handshake).
     */
    OPTIONAL,
    /**
     * No certificate is asked for: server TLS only, for a public service whose callers prove who
     * they are otherwise (the public API's signed requests).
     */
    NONE
  }

  /**
   * As {@link #start(String, ServerSettings, TlsMaterial, WebApplicationInitializer)}, choosing
   * whether a client certificate is required or only asked for.
   */
  public static HttpsServer start(
      String name,
      ServerSettings settings,
      TlsMaterial tls,
      ClientCertificate clientCertificate,
      WebApplicationInitializer app) {
    return start(name, settings, tls, clientCertificate, ErrorPages.JSON, app);
  }

  /**
   * As {@link #start(String, ServerSettings, TlsMaterial, ClientCertificate,
   * WebApplicationInitializer)}, choosing how Tomcat's own error answers look.
   */
  public static HttpsServer start(
      String name,
      ServerSettings settings,
      TlsMaterial tls,
      ClientCertificate clientCertificate,
      ErrorPages errorPages,
      WebApplicationInitializer app) {
    Path baseDir;
    try {
      baseDir = Files.createTempDirectory("stratus-tomcat-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = httpsConnector(settings, tls, clientCertificate);
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    // A failure that escapes the application, or a request refused before it, gets the
    // component's error page: no stack trace, no version. The host is told the valve's class, so
    // it adds no default one of its own.
    ErrorReportValve errors = errorPages.valve();
    ((StandardHost) tomcat.getHost()).setErrorReportValveClass(errors.getClass().getName());
    tomcat.getHost().getPipeline().addValve(errors);
    Context context = tomcat.addContext("", baseDir.toString());
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    context.addServletContainerInitializer(
        (classes, servletContext) -> {
          try {
            app.onStartup(servletContext);
          } catch (RuntimeException e) {
            failure.set(e);
            throw e;
          }
        },
        Set.of());
    HttpsServer server = new HttpsServer(name, tomcat, connector, baseDir);
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      server.close();
      throw new IllegalStateException("the " + name + " did not start: " + e.getMessage(), e);
    }
    if (failure.get() != null) {
      server.close();
      throw new IllegalStateException(
          "the " + name + " did not start: " + failure.get().getMessage(), failure.get());
    }
    if (!context.getState().isAvailable() || connector.getLocalPort() < 0) {
      server.close();
      throw new IllegalStateException(
          "the " + name + " did not start: port " + settings.port() + " may be in use");
    }
    log.info(
        "{} listening on https://{}:{} (client certificate {})",
        name,
        settings.address(),
        server.port(),
        switch (clientCertificate) {
          case REQUIRED -> "required";
          case OPTIONAL -> "asked for";
          case NONE -> "not asked for";
        });
    return server;
  }

  /** The port it listens on (the chosen one when the settings say 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Blocks until the process is asked to stop (SIGTERM), then closes: for {@code main}s. */
  /**
   * What each service's {@code main} does: reads {@code <component>.properties} from the etc
   * directory given as the first argument (default {@code $STRATUS_ETC}, else {@code
   * /services/<component>/etc}), starts the service and runs until the process is stopped. A bad
   * configuration ends the process with status 1 and one line naming the key.
   *
   * @param start builds the service from its configuration and returns its running server
   */
  public static void runUntilStopped(
      String component, String[] args, java.util.function.Function<Config, HttpsServer> start)
      throws InterruptedException {
    HttpsServer server;
    try {
      Path etc = args.length > 0 ? Path.of(args[0]) : EtcDirectory.of(component);
      server = start.apply(Config.load(component, etc));
    } catch (ConfigException e) {
      System.err.println("stratus-" + component + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    server.awaitShutdown();
  }

  public void awaitShutdown() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  close();
                  stopped.countDown();
                },
                "https-server-stop"));
    stopped.await();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      log.warn("{} did not stop cleanly: {}", name, e.getMessage());
    } finally {
      deleteQuietly(baseDir);
    }
  }

  private static Connector httpsConnector(
      ServerSettings settings, TlsMaterial tls, ClientCertificate clientCertificate) {
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
    connector.setProperty("server", "stratus");
    connector.setMaxPostSize(settings.maxBodyBytes());

    SSLHostConfig ssl = new SSLHostConfig();
    ssl.setProtocols(PROTOCOLS);
    ssl.setCiphers(CIPHERS);
    ssl.setHonorCipherOrder(true);
    ssl.setCertificateVerification(
        switch (clientCertificate) {
          case REQUIRED -> "required";
          case OPTIONAL -> "optional";
          case NONE -> "none";
        });
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
          .sorted(Comparator.reverseOrder())
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
