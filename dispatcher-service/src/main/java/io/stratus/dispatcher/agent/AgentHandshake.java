package io.stratus.dispatcher.agent;

/**
 * An agent's first call: the server it runs on, the one-time token from its user data, its PEM
 * certificate request, its version, and where it listens.
 */
public record AgentHandshake(
    Long serverId, String token, String csr, String version, String address, Integer port) {}
