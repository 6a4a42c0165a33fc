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
 * tests on a machine without RabbitMQ. User {@code guest}/{@code guest}; one virtual host, {@code
 * default}, which also answers to {@code /}; messages and durable queues are kept in a Derby store
 * under the work directory, so persistent messages survive {@link #restart()}.
 *
 * <p>Qpid refuses RabbitMQ-only arguments (such as {@code x-dead-letter-exchange}); Stratus uses
 * only core AMQP 0-9-1.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

  private final int port;
  private final Path workDir;
  private SystemLauncher launcher;

  private EmbeddedAmqpBroker(int port, Path workDir) {
    this.port = port;
    this.workDir = workDir;
  }

  /** Starts a broker listening on 127.0.0.1:{@code port} with its store under {@code workDir}. */
  public static EmbeddedAmqpBroker start(int port, Path workDir) {
    EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(port, workDir);
    broker.launch();
    return broker;
  }

  public int port() {
    return port;
  }

  /** A URI for {@code com.rabbitmq.client.ConnectionFactory#setUri}. */
  public String uri() {
    return "amqp://guest:guest@127.0.0.1:" + port + "/default";
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
      Files.createDirectories(workDir);
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
      context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("type", "JSON");
      attributes.put("storePath", workDir.resolve("config.json").toString());
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
