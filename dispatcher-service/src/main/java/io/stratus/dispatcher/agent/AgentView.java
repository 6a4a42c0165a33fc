package io.stratus.dispatcher.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** A server's agent as users see it: reachability, version, address and certificate expiry. */
public record AgentView(
    long serverId,
    String state,
    String address,
    int port,
    String version,
    String certificateFingerprint,
    Instant certificateNotAfter,
    int consecutiveMisses,
    Instant lastSeenAt,
    Instant handshakeAt,
    Instant stateChangedAt) {

  static AgentView map(ResultSet rs, int row) throws SQLException {
    return new AgentView(
        rs.getLong("server_id"),
        rs.getString("state"),
        rs.getString("address"),
        rs.getInt("port"),
        rs.getString("agent_version"),
        rs.getString("cert_fingerprint"),
        instant(rs.getTimestamp("cert_not_after")),
        rs.getInt("consecutive_misses"),
        instant(rs.getTimestamp("last_seen_at")),
        instant(rs.getTimestamp("handshake_at")),
        instant(rs.getTimestamp("state_changed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
