package io.stratus.pinger.probe;

/**
 * What one {@code GET /status} came to. Only {@link Kind#ANSWERED} is an answer; every other kind
 * is a miss.
 *
 * @param detail why it was a miss, for the log (never a secret); empty when answered
 */
public record ProbeResult(Kind kind, String detail) {
  /** How a probe ended. */
  public enum Kind {
    /** The agent presented the expected certificate and answered 200. */
    ANSWERED,
    /** No TCP connection: refused, unreachable, or not resolvable. */
    CONNECT_FAILED,
    /** No connection within the connect timeout, or no answer within the request timeout. */
    TIMED_OUT,
    /** The TLS handshake failed: a certificate not from the installation CA, or ours refused. */
    TLS_FAILED,
    /** A valid certificate from the CA, but not the one recorded for this agent. */
    WRONG_CERTIFICATE,
    /** An answer that is not {@code 200}, or not HTTP. */
    BAD_ANSWER,
    /** The connection broke or closed before the answer was complete. */
    BROKEN,
    /** The pinger stopped before the probe ended. */
    ABANDONED
  }

  static final ProbeResult OK = new ProbeResult(Kind.ANSWERED, "");

  public boolean answered() {
    return kind == Kind.ANSWERED;
  }

  static ProbeResult miss(Kind kind, String detail) {
    return new ProbeResult(kind, detail);
  }
}
