package io.stratus.cloud.local;

import io.stratus.cloud.local.driver.LocalCloudProviderFactory;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ProviderContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A local cloud daemon run as a real OS process for tests. */
public final class LocalCloudProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final Path log;
  private Process process;

  private LocalCloudProcess(Path dataDir, int port) throws IOException {
    this.dataDir = dataDir;
    this.port = port;
    this.log = Files.createTempFile("localcloud-", ".log");
  }

  /**
   * Starts a daemon on a fresh free port. {@code config} (may be null) is written as {@code
   * localcloud.properties} first; VM addresses start at a random block so parallel or leftover
   * clouds do not collide.
   */
  public static LocalCloudProcess start(Path dataDir, String config) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("localcloud.properties");
    if (config != null && !Files.exists(file)) {
      int start = 1000 + ThreadLocalRandom.current().nextInt(60_000);
      Files.writeString(file, config + "\nvm-address-start=" + start + "\n");
    }
    LocalCloudProcess cloud = new LocalCloudProcess(dataDir, freePort());
    cloud.launch();
    return cloud;
  }

  /** Starts the daemon again on the same data directory and port. */
  public void restart() throws IOException {
    stop();
    launch();
  }

  private void launch() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-Dlogback.configurationFile=localcloud-logback.xml",
            "-cp",
            System.getProperty("java.class.path"),
            "io.stratus.cloud.local.daemon.LocalCloudDaemon",
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(port));
    builder.redirectErrorStream(true);
    process = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith("stratus-localcloud ready")) {
        Files.writeString(log, seen, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread drain =
            new Thread(
                () -> {
                  try (var file =
                      Files.newBufferedWriter(
                          log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    String more;
                    while ((more = out.readLine()) != null) {
                      file.write(more);
                      file.newLine();
                      file.flush();
                    }
                  } catch (IOException e) {
                    // the daemon ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new IOException("the local cloud did not start:\n" + seen);
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** What the daemon wrote to its standard output (its log), kept outside its data directory. */
  public Path logFile() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  /** The daemon's credentials, as an operator would copy them. */
  public Map<String, String> credentials() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dataDir.resolve("credentials.properties"))) {
      p.load(r);
    }
    return Map.of(
        LocalCloudProviderFactory.ENDPOINT, "http://127.0.0.1:" + port + "/",
        LocalCloudProviderFactory.ACCESS_KEY, p.getProperty("access-key"),
        LocalCloudProviderFactory.SECRET_KEY, p.getProperty("secret-key"));
  }

  /** A provider for {@code region} through the ServiceLoader, as the platform finds it. */
  public CloudProvider provider(String region) throws IOException {
    var factory = CloudProviders.byName("local");
    return factory.connect(new ProviderContext(factory.contextFields(), credentials(), region));
  }

  /** SIGTERM and wait: VM processes keep running, as they would on a real cloud. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the daemon and kills every VM process it left behind. */
  @Override
  public void close() {
    stop();
    for (ProcessHandle handle : vmProcesses()) {
      handle.destroyForcibly();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temporary file; the system's cleaning takes it otherwise
    }
  }

  /** Processes running in this cloud's VM directories. */
  public List<ProcessHandle> vmProcesses() {
    String vmRoot = dataDir.resolve("vms").toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(
            h -> {
              try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd"))
                    .toString()
                    .startsWith(vmRoot);
              } catch (IOException | UnsupportedOperationException e) {
                return false;
              }
            })
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
