package io.stratus.agent.script;

import java.util.LinkedHashMap;
import java.util.Map;

/** What running an event script gave: its exit code, merged output, and whether it timed out. */
public record ScriptResult(
    String script, int exitCode, String output, boolean timedOut, long durationMillis) {

  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("script", script);
    json.put("exitCode", exitCode);
    json.put("output", output);
    json.put("timedOut", timedOut);
    json.put("durationMillis", durationMillis);
    return json;
  }
}
