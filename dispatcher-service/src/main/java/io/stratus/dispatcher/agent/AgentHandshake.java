package io.stratus.dispatcher.agent;

/**
 * An agent's first call: the server it runs on, the one-time token from its user data, its PEM
 * certificate request, its version, and where it says it listens ({@code address} and {@code port}
 * are not believed: the registry takes the server's address from the cloud's record of it and the
 * port from its settings).
 */
public record AgentHandshake(
    Long serverId, String token, String csr, String version, String address, Integer port) {}
