package io.stratus.agent.script;

/** A script call that cannot run, with the HTTP status that says why (400, 403, 404, 429, 500). */
public final class ScriptException extends Exception {
  private final int status;

  public ScriptException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
