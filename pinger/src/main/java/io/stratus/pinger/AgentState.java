package io.stratus.pinger;

import java.util.Locale;

/** {@code guest_agent.state}: what the pinger last concluded about an agent. */
public enum AgentState {
  /** Registered, not yet answered the pinger (the Dispatcher sets reachable at the handshake). */
  PENDING,
  /** Answered its last ping. */
  REACHABLE,
  /** Missed {@code pinger.misses-before-unreachable} pings in a row. */
  UNREACHABLE;

  /** The value in the column and the last word of the event's routing key. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AgentState of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
