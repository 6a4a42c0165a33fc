package io.stratus.worker.subscriber.agent;

/**
 * A server's agent bootstrap token ends with the server: wherever a worker records a server as
 * terminated, it deletes the token's row in the same breath, so a token read from an old VM's user
 * data is good for nothing (the Dispatcher refuses a token it has no row for).
 */
public final class AgentTokens {
  /** Deletes the bootstrap token of the server whose id is the one parameter. */
  public static final String REVOKE = "DELETE FROM agent_bootstrap_token WHERE server_id = ?";

  private AgentTokens() {}
}
