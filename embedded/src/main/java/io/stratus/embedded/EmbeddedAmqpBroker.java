package io.stratus.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J), for the single-machine mode and for
 * tests on a machine without RabbitMQ. One user and one virtual host, which also answers to {@code
 * /} ({@link AmqpAccount}: {@code guest}/{@code guest} and {@code default} for tests, the
 * installation's own in the single-machine mode); messages and durable queues are kept in a Derby
 * store under the work directory (owner-only), so persistent messages survive {@link #restart()}.
 *
 * <p>The broker's configuration is made afresh from the account at every start (the password itself
 * only in memory, as a context variable), so a changed account, or the {@code guest} of an earlier
 * version, is replaced; the virtual host's messages are kept by its name.
 *
 * <p>Qpid refuses RabbitMQ-only arguments (such as {@code x-dead-letter-exchange}); Stratus uses
 * only core AMQP 0-9-1.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

  private final int port;
  private final Path workDir;
  private final AmqpAccount account;
  private SystemLauncher launcher;

  private EmbeddedAmqpBroker(int port, Path workDir, AmqpAccount account) {
    this.port = port;
    this.workDir = workDir;
    this.account = account;
  }

  /** Starts a broker on 127.0.0.1:{@code port} for {@link AmqpAccount#GUEST} (tests). */
  public static EmbeddedAmqpBroker start(int port, Path workDir) {
    return start(port, workDir, AmqpAccount.GUEST);
  }

  /**
   * Starts a broker listening on 127.0.0.1:{@code port} with its store under {@code workDir}, that
   * lets in only {@code account}, to its virtual host.
   */
  public static EmbeddedAmqpBroker start(int port, Path workDir, AmqpAccount account) {
    EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(port, workDir, account);
    broker.launch();
    return broker;
  }

  public int port() {
    return port;
  }

  /** A URI for {@code com.rabbitmq.client.ConnectionFactory#setUri}, password included. */
  public String uri() {
    return account.uri(port);
  }

  public AmqpAccount account() {
    return account;
  }

  /** Stops and starts the broker; persistent messages in durable queues survive. */
  public synchronized void restart() {
    stop();
    launch();
  }

  public synchronized void stop() {
    if (launcher != null) {
      launcher.shutdown();
      launcher = null;
      log.info("Embedded AMQP broker on port {} stopped", port);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void launch() {
    long started = System.nanoTime();
    try {
      OwnerOnlyFiles.directory(workDir);
      if (System.getProperty("derby.stream.error.file") == null) {
        // Derby (the message store) writes derby.log into the working directory otherwise.
        System.setProperty(
            "derby.stream.error.file", workDir.resolve("derby.log").toAbsolutePath().toString());
      }
      Path initialConfig = workDir.resolve("initial-config.json");
      try (InputStream in =
          EmbeddedAmqpBroker.class.getResourceAsStream("qpid-initial-config.json")) {
        Files.copy(in, initialConfig, StandardCopyOption.REPLACE_EXISTING);
      }
      Map<String, Object> context = new HashMap<>();
      context.put("qpid.amqp_port", Integer.toString(port));
      context.put("qpid.work_dir", workDir.toAbsolutePath().toString());
      context.put("stratus.amqp.user", account.user());
      context.put("stratus.amqp.password", account.password());
      context.put("stratus.amqp.vhost", account.virtualHost());
      context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
      // The broker's own configuration (ports, the user, the virtual host's node) comes from the
      // initial configuration every time; the virtual host keeps its own store.
      Path store = workDir.resolve("config.json");
      Files.deleteIfExists(store);
      Files.deleteIfExists(workDir.resolve("config.json.bak"));
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("type", "JSON");
      attributes.put("storePath", store.toString());
      attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toUri().toString());
      attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
      attributes.put("context", context);
      SystemLauncher systemLauncher = new SystemLauncher();
      systemLauncher.startup(attributes);
      launcher = systemLauncher;
      awaitPort();
      log.info(
          "Embedded AMQP broker started on 127.0.0.1:{} in {} ms (store in {})",
          port,
          (System.nanoTime() - started) / 1_000_000,
          workDir);
    } catch (Exception e) {
      throw new EmbeddedServiceException(
          "Embedded AMQP broker did not start on port " + port + ": " + e.getMessage(), e);
    }
  }

  private void awaitPort() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
