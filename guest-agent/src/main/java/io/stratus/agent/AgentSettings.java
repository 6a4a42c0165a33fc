package io.stratus.agent;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agent's configuration: {@code <home>/etc/agent.properties} (optional; every key has a
 * default), then the command line. Validated once, then frozen; an unknown key or a bad value fails
 * start-up naming the key. Relative paths are resolved against the home directory. Keys (documented
 * in docs/guest-agent.md):
 *
 * <ul>
 *   <li>{@code state-dir} ({@code state}) the identity (key, certificate, CA) and enrolment state
 *   <li>{@code listen-address} (env {@code STRATUS_VM_ADDRESS}, else {@code 0.0.0.0})
 *   <li>{@code port} (2003)
 *   <li>{@code user-data.url} (env {@code STRATUS_METADATA_URL}) or {@code user-data.file}
 *   <li>{@code scripts.dir} ({@code <install>/scripts}) the shipped event scripts, in {@code bin/}
 *   <li>{@code custom.dir} ({@code custom}) the operator's scripts and hooks, in {@code bin/}
 *   <li>{@code script.timeout} (300s) when a script call names none; at most 3600s
 *   <li>{@code log.<name>} a log file offered for collection; {@code log.agent} is where the agent
 *       writes its own ({@code log/agent.log})
 * </ul>
 */
public final class AgentSettings {
  public static final String FILE = "etc/agent.properties";
  public static final int DEFAULT_PORT = 2003;
  public static final Duration MAX_SCRIPT_TIMEOUT = Duration.ofHours(1);

  private static final Set<String> KEYS =
      Set.of(
          "state-dir",
          "listen-address",
          "port",
          "user-data.url",
          "user-data.file",
          "scripts.dir",
          "custom.dir",
          "script.timeout");
  private static final Pattern LOG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  private final Path home;
  private final Path stateDir;
  private final String listenAddress;
  private final int port;
  private final URI userDataUrl;
  private final Path userDataFile;
  private final Path scriptsDir;
  private final Path customDir;
  private final Duration scriptTimeout;
  private final Map<String, Path> logs;

  private AgentSettings(
      Path home,
      Path stateDir,
      String listenAddress,
      int port,
      URI userDataUrl,
      Path userDataFile,
      Path scriptsDir,
      Path customDir,
      Duration scriptTimeout,
      Map<String, Path> logs) {
    this.home = home;
    this.stateDir = stateDir;
    this.listenAddress = listenAddress;
    this.port = port;
    this.userDataUrl = userDataUrl;
    this.userDataFile = userDataFile;
    this.scriptsDir = scriptsDir;
    this.customDir = customDir;
    this.scriptTimeout = scriptTimeout;
    this.logs = logs;
  }

  /**
   * Reads {@code <home>/etc/agent.properties} if present, then applies {@code stateDirOverride}
   * (from {@code --state-dir}) if not null.
   *
   * @throws IllegalArgumentException naming the key that is unknown or wrong
   */
  public static AgentSettings load(
      Path home, Path install, Path stateDirOverride, Map<String, String> env) throws IOException {
    Properties p = new Properties();
    Path file = home.resolve(FILE);
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return of(home, install, stateDirOverride, p, env, file.toString());
  }

  static AgentSettings of(
      Path home,
      Path install,
      Path stateDirOverride,
      Properties p,
      Map<String, String> env,
      String source) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).strip();
      if (!KEYS.contains(key) && !key.startsWith("log.")) {
        throw new IllegalArgumentException(source + ": unknown key '" + key + "'");
      }
      values.put(key, value);
    }
    Path absoluteHome = home.toAbsolutePath().normalize();
    Path stateDir =
        stateDirOverride != null
            ? stateDirOverride.toAbsolutePath().normalize()
            : path(absoluteHome, values.getOrDefault("state-dir", "state"), "state-dir", source);
    String listen = values.get("listen-address");
    if (listen == null || listen.isEmpty()) {
      String fromEnv = env.get("STRATUS_VM_ADDRESS");
      listen = fromEnv == null || fromEnv.isBlank() ? "0.0.0.0" : fromEnv.strip();
    }
    if (!listen.matches("[A-Za-z0-9.:-]{1,253}")) {
      throw new IllegalArgumentException(source + ": listen-address '" + listen + "' is not valid");
    }
    int port = DEFAULT_PORT;
    if (values.containsKey("port")) {
      try {
        port = Integer.parseInt(values.get("port"));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(source + ": port must be 1..65535");
      }
    }
    URI url = null;
    Path userDataFile = null;
    String fileValue = values.get("user-data.file");
    String urlValue = values.get("user-data.url");
    if (fileValue != null && !fileValue.isEmpty() && urlValue != null && !urlValue.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": user-data.url and user-data.file are exclusive; set one");
    }
    if (fileValue != null && !fileValue.isEmpty()) {
      userDataFile = path(absoluteHome, fileValue, "user-data.file", source);
    } else {
      if (urlValue == null || urlValue.isEmpty()) {
        urlValue = env.get("STRATUS_METADATA_URL");
      }
      if (urlValue != null && !urlValue.isBlank()) {
        url = url(urlValue.strip(), source);
      }
    }
    Path installDir = install.toAbsolutePath().normalize();
    Path scripts =
        values.containsKey("scripts.dir")
            ? path(absoluteHome, values.get("scripts.dir"), "scripts.dir", source)
            : installDir.resolve("scripts");
    Path custom =
        path(absoluteHome, values.getOrDefault("custom.dir", "custom"), "custom.dir", source);
    Duration timeout = duration(values.getOrDefault("script.timeout", "300s"), source);
    Map<String, Path> logs = new LinkedHashMap<>();
    logs.put("agent", absoluteHome.resolve("log/agent.log"));
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith("log.")) {
        String name = e.getKey().substring("log.".length());
        if (!LOG_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              source + ": '" + e.getKey() + "': a log name is a letter, then letters, digits, ._-");
        }
        logs.put(name, path(absoluteHome, e.getValue(), e.getKey(), source));
      }
    }
    return new AgentSettings(
        absoluteHome,
        stateDir,
        listen,
        port,
        url,
        userDataFile,
        scripts,
        custom,
        timeout,
        Map.copyOf(logs));
  }

  private static Path path(Path home, String value, String key, String source) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + key + " must not be empty");
    }
    return home.resolve(value).toAbsolutePath().normalize();
  }

  private static URI url(String value, String source) {
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        source + ": user-data.url '" + value + "' is not an http(s) URL");
  }

  /** {@code 300}, {@code 300s}, {@code 5m} or {@code 1h}: 1 second .. 1 hour. */
  static Duration duration(String value, String source) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Duration d = null;
    try {
      if (v.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(v));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX_SCRIPT_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          source + ": script.timeout '" + value + "' must be 1s..3600s (like 300, 300s, 5m)");
    }
    return d;
  }

  public Path home() {
    return home;
  }

  public Path stateDir() {
    return stateDir;
  }

  public String listenAddress() {
    return listenAddress;
  }

  public int port() {
    return port;
  }

  /** Where the user data comes from, when from a metadata service; null otherwise. */
  public URI userDataUrl() {
    return userDataUrl;
  }

  /** Where the user data comes from, when from a file; null otherwise. */
  public Path userDataFile() {
    return userDataFile;
  }

  public Path scriptsDir() {
    return scriptsDir;
  }

  public Path customDir() {
    return customDir;
  }

  public Duration scriptTimeout() {
    return scriptTimeout;
  }

  /** The logs offered for collection, by name; always holds {@code agent}. */
  public Map<String, Path> logs() {
    return logs;
  }

  /** Where the agent writes its own log. */
  public Path agentLog() {
    return logs.get("agent");
  }
}
