package io.stratus.agent.server;

import io.stratus.agent.AgentSettings;
import io.stratus.agent.Json;
import io.stratus.agent.logs.LogReader;
import io.stratus.agent.script.ScriptException;
import io.stratus.agent.script.ScriptRunner;
import io.stratus.agent.system.SystemInfo;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What the agent answers on 2003 (see docs/guest-agent.md): {@code GET /status}, {@code GET
 * /sample}, {@code POST /scripts/<name>}, {@code GET /logs/<name>?offset=&limit=}.
 */
public final class Routes {
  private static final Logger log = Logger.getLogger(Routes.class.getName());
  static final int MAX_ARGS = 64;
  static final int MAX_ARG_LENGTH = 4096;

  /** A JSON answer. */
  public record Response(int status, String body) {}

  private final String version;
  private final LongSupplier serverId;
  private final SystemInfo system;
  private final ScriptRunner scripts;
  private final Duration defaultTimeout;
  private final Map<String, Path> logs;

  public Routes(
      String version,
      LongSupplier serverId,
      SystemInfo system,
      ScriptRunner scripts,
      Duration defaultTimeout,
      Map<String, Path> logs) {
    this.version = version;
    this.serverId = serverId;
    this.system = system;
    this.scripts = scripts;
    this.defaultTimeout = defaultTimeout;
    this.logs = Map.copyOf(logs);
  }

  Response handle(String method, String rawPath, String rawQuery, byte[] body) throws ApiException {
    try {
      if (rawPath.equals("/status")) {
        requireMethod(method, "GET");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("serverId", serverId.getAsLong());
        json.putAll(system.status());
        return ok(json);
      }
      if (rawPath.equals("/sample")) {
        requireMethod(method, "GET");
        return ok(system.sample());
      }
      if (rawPath.startsWith("/scripts/")) {
        requireMethod(method, "POST");
        return script(segment(rawPath, "/scripts/"), body);
      }
      if (rawPath.startsWith("/logs/")) {
        requireMethod(method, "GET");
        return log(segment(rawPath, "/logs/"), query(rawQuery));
      }
    } catch (IOException e) {
      throw new ApiException(500, "cannot read the system's state: " + e.getMessage());
    }
    throw new ApiException(404, "no such resource: " + rawPath);
  }

  private static void requireMethod(String method, String allowed) throws ApiException {
    if (!allowed.equals(method)) {
      throw new ApiException(405, "only " + allowed + " here");
    }
  }

  /** The one path segment after {@code prefix}, decoded; a '/' in it (even encoded) is refused. */
  private static String segment(String rawPath, String prefix) throws ApiException {
    String raw = rawPath.substring(prefix.length());
    if (raw.isEmpty() || raw.contains("/")) {
      throw new ApiException(400, "a single name is expected after " + prefix);
    }
    String name;
    try {
      name = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "bad escape in " + raw);
    }
    if (name.contains("/") || name.contains("..") || name.contains("\\")) {
      throw new ApiException(400, "a name may hold no '/', '\\' or '..'");
    }
    return name;
  }

  private Response script(String name, byte[] body) throws ApiException {
    List<String> args = new ArrayList<>();
    Duration timeout = defaultTimeout;
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.isEmpty()) {
      Map<String, Object> json;
      try {
        json = Json.parseObject(text);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "the body is not a JSON object: " + e.getMessage());
      }
      Object rawArgs = json.get("args");
      if (rawArgs != null) {
        if (!(rawArgs instanceof List<?> list)) {
          throw new ApiException(400, "args must be an array of strings");
        }
        if (list.size() > MAX_ARGS) {
          throw new ApiException(400, "at most " + MAX_ARGS + " args");
        }
        for (Object arg : list) {
          if (!(arg instanceof String s)) {
            throw new ApiException(400, "args must be an array of strings");
          }
          if (s.length() > MAX_ARG_LENGTH || s.indexOf('\0') >= 0) {
            throw new ApiException(
                400, "an arg is at most " + MAX_ARG_LENGTH + " characters, without NUL");
          }
          args.add(s);
        }
      }
      Object rawTimeout = json.get("timeoutSeconds");
      if (rawTimeout != null) {
        if (!(rawTimeout instanceof Long seconds)
            || seconds < 1
            || seconds > AgentSettings.MAX_SCRIPT_TIMEOUT.toSeconds()) {
          throw new ApiException(
              400,
              "timeoutSeconds must be a whole number 1.."
                  + AgentSettings.MAX_SCRIPT_TIMEOUT.toSeconds());
        }
        timeout = Duration.ofSeconds(seconds);
      }
    }
    try {
      log.info("Running script " + name + " with " + args.size() + " args");
      var result = scripts.run(name, args, timeout);
      log.info(
          "Script "
              + name
              + " ended: exit "
              + result.exitCode()
              + (result.timedOut() ? ", timed out" : "")
              + ", "
              + result.durationMillis()
              + " ms");
      return ok(result.toJson());
    } catch (ScriptException e) {
      throw new ApiException(e.status(), e.getMessage());
    }
  }

  private Response log(String name, Map<String, String> query) throws ApiException, IOException {
    Path file = logs.get(name);
    if (file == null) {
      throw new ApiException(
          404,
          "no log "
              + name
              + " (offered: "
              + String.join(", ", new java.util.TreeSet<>(logs.keySet()))
              + ")");
    }
    long offset;
    int limit;
    try {
      offset = Long.parseLong(query.getOrDefault("offset", "0"));
      limit =
          Integer.parseInt(query.getOrDefault("limit", Integer.toString(LogReader.DEFAULT_LIMIT)));
    } catch (NumberFormatException e) {
      throw new ApiException(400, "offset and limit must be whole numbers");
    }
    try {
      return ok(LogReader.read(name, file, offset, limit));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  private static Map<String, String> query(String rawQuery) throws ApiException {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    try {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "bad escape in the query");
    }
    return params;
  }

  private static Response ok(Object json) {
    return new Response(200, Json.write(json));
  }
}
