package io.stratus.testkit;

import io.stratus.embedded.EmbeddedAmqpBroker;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The broker of this JVM's tests. */
public final class TestBroker {
  private final String uri;
  private final String mode;
  private final EmbeddedAmqpBroker embedded;

  private TestBroker(String uri, String mode, EmbeddedAmqpBroker embedded) {
    this.uri = uri;
    this.mode = mode;
    this.embedded = embedded;
  }

  static TestBroker fixed(String uri, String mode) {
    return new TestBroker(uri, mode, null);
  }

  static TestBroker localRabbitMq(String uri) {
    return new TestBroker(uri, "local", null);
  }

  static TestBroker embedded(EmbeddedAmqpBroker broker) {
    return new TestBroker(broker.uri(), "embedded", broker);
  }

  /** For {@code ConnectionFactory#setUri}. */
  public String uri() {
    return uri;
  }

  public String host() {
    return URI.create(uri).getHost();
  }

  public int port() {
    int port = URI.create(uri).getPort();
    return port < 0 ? 5672 : port;
  }

  /** env, local, testcontainers or embedded. */
  public String mode() {
    return mode;
  }

  /** A unique prefix for one test class's exchanges and queues. */
  public String uniqueName(String purpose) {
    return "t."
        + purpose.replaceAll("[^A-Za-z0-9_-]", "")
        + "."
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Whether {@link #restart()} works here: the embedded broker always; a local RabbitMQ when {@code
   * rabbitmqctl} can be run (as root).
   */
  public boolean canRestart() {
    if (embedded != null) {
      return true;
    }
    return mode.equals("local")
        && "root".equals(System.getProperty("user.name"))
        && runs("rabbitmqctl", "version");
  }

  /** Stops and starts the broker; blocks until it accepts connections again. */
  public void restart() {
    if (embedded != null) {
      embedded.restart();
      return;
    }
    if (!canRestart()) {
      throw new IllegalStateException("this " + mode + " broker cannot be restarted from a test");
    }
    run("rabbitmqctl", "stop_app");
    run("rabbitmqctl", "start_app");
    run("rabbitmqctl", "await_startup");
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static void run(String... command) {
    if (!runs(command)) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }
}
