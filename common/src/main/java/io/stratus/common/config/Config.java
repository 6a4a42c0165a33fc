package io.stratus.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One component's configuration: the keys of {@code etc/<component>.properties}, each overridable
 * by an environment variable ({@code STRATUS_DB_URL} overrides {@code db.url}).
 *
 * <p>Typed settings objects read their keys from here once at start-up and validate them. Every
 * failure is a {@link ConfigException} naming the key and where its value came from. After the
 * settings are built, {@link #rejectUnknownKeys()} catches misspelt keys.
 */
public final class Config {
  /** Prefix of the environment variables that override keys. */
  public static final String ENV_PREFIX = "STRATUS_";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final String component;
  private final String origin;
  private final Map<String, String> fileValues;
  private final Map<String, String> env;
  private final Set<String> readKeys = ConcurrentHashMap.newKeySet();

  private Config(
      String component, String origin, Map<String, String> fileValues, Map<String, String> env) {
    this.component = component;
    this.origin = origin;
    this.fileValues = Collections.unmodifiableMap(new TreeMap<>(fileValues));
    this.env = Map.copyOf(env);
  }

  /**
   * Loads {@code <etcDir>/<component>.properties} with the process environment as overrides.
   *
   * @throws ConfigException if the file cannot be read
   */
  public static Config load(String component, Path etcDir) {
    return load(component, etcDir.resolve(component + ".properties"), System.getenv());
  }

  /** Loads one properties file, with the given environment as overrides. */
  public static Config load(String component, Path file, Map<String, String> env) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          "(file)", "Configuration file " + file + " for component " + component + " not found");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "(file)", "Cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).strip()));
    return new Config(component, file.toString(), values, env);
  }

  /** A configuration built from values in memory, for tests and embedded use. */
  public static Config of(String component, Map<String, String> values, Map<String, String> env) {
    return new Config(component, "(in-memory " + component + " configuration)", values, env);
  }

  /** The environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  public String component() {
    return component;
  }

  /** Where the values came from: the file's path, for messages. */
  public String origin() {
    return origin;
  }

  /** The value of {@code key}, the environment winning over the file; blank counts as absent. */
  public Optional<String> optional(String key) {
    readKeys.add(key);
    String fromEnv = env.get(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.strip());
    }
    String fromFile = fileValues.get(key);
    return fromFile == null || fromFile.isBlank() ? Optional.empty() : Optional.of(fromFile);
  }

  public String require(String key) {
    return optional(key)
        .orElseThrow(
            () ->
                error(
                    key, "is required but not set (nor " + envName(key) + " in the environment)"));
  }

  public String get(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    return optional(key).map(v -> parseInt(key, v)).orElse(defaultValue);
  }

  public int requireInt(String key) {
    return parseInt(key, require(key));
  }

  public long getLong(String key, long defaultValue) {
    return optional(key).map(v -> parseLong(key, v)).orElse(defaultValue);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    return optional(key)
        .map(
            v ->
                switch (v.toLowerCase(Locale.ROOT)) {
                  case "true", "yes", "on" -> true;
                  case "false", "no", "off" -> false;
                  default -> throw error(key, "must be true or false, not '" + v + "'");
                })
        .orElse(defaultValue);
  }

  /** A duration written as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 1d}. */
  public Duration getDuration(String key, Duration defaultValue) {
    return optional(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
  }

  public Path getPath(String key, Path defaultValue) {
    return optional(key).map(Path::of).orElse(defaultValue);
  }

  public Path requirePath(String key) {
    return Path.of(require(key));
  }

  /** A comma-separated list; empty when the key is absent. */
  public List<String> getList(String key) {
    return optional(key)
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  public Optional<Secret> secret(String key) {
    return optional(key).map(Secret::of);
  }

  public Secret requireSecret(String key) {
    return Secret.of(require(key));
  }

  /** Every key the file sets under {@code prefix.}, with the prefix removed. */
  public Map<String, String> subset(String prefix) {
    String dotted = prefix.endsWith(".") ? prefix : prefix + ".";
    Map<String, String> result = new TreeMap<>();
    fileValues.keySet().stream()
        .filter(k -> k.startsWith(dotted))
        .forEach(k -> optional(k).ifPresent(v -> result.put(k.substring(dotted.length()), v)));
    return result;
  }

  /**
   * Fails if the file sets a key that no settings object read: almost always a misspelling, which
   * would otherwise be silently ignored.
   */
  public void rejectUnknownKeys() {
    rejectUnknownKeysExcept();
  }

  /**
   * Like {@link #rejectUnknownKeys()}, but leaves alone keys under the given prefixes: those of
   * another component sharing the same file (the publisher and subscriber share {@code
   * worker.properties}).
   */
  public void rejectUnknownKeysExcept(String... otherPrefixes) {
    Set<String> unknown = new TreeSet<>(fileValues.keySet());
    unknown.removeAll(readKeys);
    unknown.removeIf(k -> Arrays.stream(otherPrefixes).anyMatch(k::startsWith));
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      List<String> hints = new ArrayList<>();
      for (String key : unknown) {
        hints.add(key + closestKnown(key).map(k -> " (did you mean " + k + "?)").orElse(""));
      }
      throw new ConfigException(
          first, origin + ": unknown configuration key(s): " + String.join(", ", hints));
    }
  }

  /** A {@link ConfigException} about {@code key}, naming where its value came from. */
  public ConfigException error(String key, String problem) {
    String source = env.containsKey(envName(key)) ? "environment variable " + envName(key) : origin;
    return new ConfigException(key, source + ": " + key + " " + problem);
  }

  private Optional<String> closestKnown(String key) {
    return readKeys.stream()
        .filter(k -> editDistance(k, key) <= 2)
        .min((a, b) -> editDistance(a, key) - editDistance(b, key));
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private int parseInt(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw error(key, "must be a whole number, not '" + value + "'");
    }
  }

  private long parseLong(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw error(key, "must be a whole number, not '" + value + "'");
    }
  }

  private Duration parseDuration(String key, String value) {
    Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw error(key, "must be a duration such as 250ms, 30s, 5m, 2h or 1d, not '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
