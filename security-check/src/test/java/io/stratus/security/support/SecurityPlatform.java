package io.stratus.security.support;

import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiFixture;
import io.stratus.console.support.ConsoleFixture;
import io.stratus.dispatcher.support.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One whole real platform for a security test class: KM, local cloud (as its own process),
 * Dispatcher, worker publisher and subscriber, MySQL and RabbitMQ ({@link Platform}), with the
 * console ({@link ConsoleFixture}) and the API ({@link ApiFixture}) over it, every component's log
 * file in one directory, and every log event of the JVM captured.
 */
public final class SecurityPlatform implements AutoCloseable {
  /** One process region for VMs (agents among them), one simulated. */
  public static final String CLOUD =
      "regions=local-1,sim-1\nregion.local-1.mode=process\nregion.sim-1.mode=simulated\n"
          + "region.sim-1.boot-time=200ms\n";

  private final Path logDir;
  private final LogCapture logs;
  private final ConsoleFixture console;
  private final ApiFixture api;

  private SecurityPlatform(Path logDir, LogCapture logs, ConsoleFixture console, ApiFixture api) {
    this.logDir = logDir;
    this.logs = logs;
    this.console = console;
    this.api = api;
  }

  /** {@code consoleKeys}: extra console settings, e.g. the lock-out's. */
  public static SecurityPlatform start(String purpose, Map<String, String> consoleKeys)
      throws IOException {
    Path logDir = Files.createTempDirectory("security-" + purpose + "-logs-");
    LogCapture logs = new LogCapture();
    Platform platform = null;
    ConsoleFixture console = null;
    try {
      platform = Platform.start(purpose, CLOUD, Map.of(), logDir);
      console = ConsoleFixture.over(platform, withLogDir(consoleKeys, logDir));
      ApiFixture api = ApiFixture.alongside(platform, Map.of("log.dir", logDir.toString()));
      return new SecurityPlatform(logDir, logs, console, api);
    } catch (IOException | RuntimeException e) {
      if (console != null) {
        console.close();
      } else if (platform != null) {
        platform.close();
      }
      logs.close();
      throw e;
    }
  }

  private static Map<String, String> withLogDir(Map<String, String> keys, Path logDir) {
    Map<String, String> all = new java.util.HashMap<>(keys);
    all.put("log.dir", logDir.toString());
    return all;
  }

  public Platform platform() {
    return console.platform();
  }

  public ConsoleFixture console() {
    return console;
  }

  public ApiFixture api() {
    return api;
  }

  /** A console session trusting the installation CA. */
  public ConsoleSession consoleSession() {
    return new ConsoleSession(platform().km().tls("api").sslContext(), console.url());
  }

  public ApiClient apiClient(ApiFixture.Customer customer) {
    return api.client(customer);
  }

  /** Where the KM, Dispatcher, console and API write their log files. */
  public Path logDir() {
    return logDir;
  }

  public LogCapture logs() {
    return logs;
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      try {
        console.close();
      } finally {
        logs.close();
      }
    }
  }
}
