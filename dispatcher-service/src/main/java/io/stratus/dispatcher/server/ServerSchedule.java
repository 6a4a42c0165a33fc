package io.stratus.dispatcher.server;

import io.stratus.common.job.Action;
import java.util.Set;

/**
 * The two things a server can have scheduled (enStratus' {@code terminateAfter} and {@code
 * pauseAfter}): when, in which columns, which action carries it out, in which states it can, and in
 * which it may still come to (the schedule waits for those).
 */
public enum ServerSchedule {
  TERMINATE(
      "terminate_after",
      "terminate_requested_by",
      Action.SERVER_TERMINATE,
      Set.of("pending", "running", "stopping", "stopped", "rebooting", "error"),
      Set.of()),
  PAUSE(
      "pause_after",
      "pause_requested_by",
      Action.SERVER_STOP,
      Set.of("running"),
      Set.of("pending", "rebooting"));

  private final String column;
  private final String requestedBy;
  private final Action action;
  private final Set<String> actsIn;
  private final Set<String> waitsIn;

  ServerSchedule(
      String column, String requestedBy, Action action, Set<String> actsIn, Set<String> waitsIn) {
    this.column = column;
    this.requestedBy = requestedBy;
    this.action = action;
    this.actsIn = actsIn;
    this.waitsIn = waitsIn;
  }

  /** The column that holds when it is due. */
  public String column() {
    return column;
  }

  /** The column that holds the user who asked for it. */
  public String requestedBy() {
    return requestedBy;
  }

  public Action action() {
    return action;
  }

  /** What a due schedule does with a server in {@code state}. */
  public Outcome outcome(String state) {
    if (actsIn.contains(state)) {
      return Outcome.ACT;
    }
    return waitsIn.contains(state) ? Outcome.WAIT : Outcome.DROP;
  }

  /** The audit log's name for setting or cancelling it, e.g. {@code server.terminate_after}. */
  public String auditAction() {
    return "server." + column;
  }

  /** What a due schedule does. */
  public enum Outcome {
    /** Carry the action out now. */
    ACT,
    /** Not now (the server is on its way to a state where it can); try again on the next round. */
    WAIT,
    /** Never: the server is already where the action would take it, or gone; clear it. */
    DROP
  }
}
