package io.stratus.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent run as a real process through its launcher ({@code src/main/dist/bin/stratus-agent}),
 * with a home of its own holding {@code etc/agent.properties}.
 */
public final class AgentProcess implements AutoCloseable {
  /** The distribution directory in the checkout, from the module's directory or the root's. */
  public static final Path DIST =
      (Files.isDirectory(Path.of("src/main/dist/bin"))
              ? Path.of("src/main/dist")
              : Path.of("guest-agent/src/main/dist"))
          .toAbsolutePath();

  public static final Path LAUNCHER = DIST.resolve("bin/stratus-agent");
  public static final Path SCRIPTS = DIST.resolve("scripts");

  private final Path home;
  private final int port;
  private final Map<String, String> env;
  private Process process;

  private AgentProcess(Path home, int port, Map<String, String> env) {
    this.home = home;
    this.port = port;
    this.env = env;
  }

  /** A builder for an agent on 127.0.0.1 and a free port, with a fresh home. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configuration of an agent. */
  public static final class Builder {
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private Path home;

    public Builder set(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder home(Path home) {
      this.home = home;
      return this;
    }

    /** Writes the configuration and starts the agent (without waiting for it). */
    public AgentProcess start() throws IOException {
      Path dir = home != null ? home : Files.createTempDirectory("agent-home-");
      int port = freePort();
      properties.putIfAbsent("listen-address", "127.0.0.1");
      properties.putIfAbsent("port", Integer.toString(port));
      properties.putIfAbsent("scripts.dir", SCRIPTS.toString());
      Files.createDirectories(dir.resolve("etc"));
      StringBuilder text = new StringBuilder("# written by the test\n");
      properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Files.writeString(dir.resolve("etc/agent.properties"), text, StandardCharsets.UTF_8);
      AgentProcess agent =
          new AgentProcess(dir, Integer.parseInt(properties.get("port")), Map.copyOf(env));
      agent.launch();
      return agent;
    }
  }

  private void launch() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("sh", LAUNCHER.toString(), "--home", home.toString());
    builder.environment().remove("STRATUS_METADATA_URL");
    builder.environment().remove("STRATUS_VM_ADDRESS");
    builder.environment().remove("STRATUS_VM_TOKEN");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
    process = builder.start();
  }

  /** Starts the agent again on the same home. */
  public void restart() throws IOException {
    stop();
    launch();
  }

  public Path home() {
    return home;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public String url(String path) {
    return "https://127.0.0.1:" + port + path;
  }

  /** Whether 2003 (this agent's port) accepts connections. */
  public boolean isListening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until the agent listens; fails with its console output otherwise. */
  public void awaitListening(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (isListening()) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the agent exited with " + process.exitValue() + ":\n" + console());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the agent does not listen after " + limit + ":\n" + console());
  }

  /** Waits until the agent's log holds {@code text}. */
  public void awaitLog(String text, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (log().contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the agent's log has no '" + text + "':\n" + console());
  }

  /** The agent's own log. */
  public String log() {
    try {
      Path file = home.resolve("log/agent.log");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String console() {
    try {
      Path file = home.resolve("console.log");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resident memory of the agent's JVM, from /proc. */
  public long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, and wait. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
