package io.stratus.km.audit;

import io.stratus.web.Caller;

/**
 * One line of the Key Manager's audit log: which key, who called (component and host from the
 * certificate, address from the connection), what for, and how it ended. Never the parts.
 */
public record AccessEntry(Long keyId, Caller caller, KeyAction action, Outcome outcome) {
  @Override
  public String toString() {
    return "key="
        + keyId
        + " component="
        + caller.component()
        + " host="
        + caller.host()
        + " address="
        + caller.address()
        + " action="
        + action
        + " outcome="
        + outcome;
  }
}
