package io.stratus.worker.subscriber.agent;

/**
 * Where a server's agent listens and which certificate it must present (lowercase hex SHA-256 of
 * its DER, as the registry keeps it).
 */
public record AgentEndpoint(long serverId, String address, int port, String fingerprint) {
  String hostPort() {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }
}
