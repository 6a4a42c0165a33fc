package io.stratus.dispatcher.agent;

import io.stratus.common.config.Config;
import io.stratus.common.registry.ComponentRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the Dispatcher brings guest agents in: where the installation CA lives (it signs each agent's
 * certificate), the address agents are told to call, and how long a bootstrap token and an agent
 * certificate last.
 *
 * <ul>
 *   <li>{@code agent.ca.dir}: the PKI directory holding {@code ca.p12} ({@code stratus-admin pki
 *       init}). Without it, launches carry no agent bootstrap and the handshake answers 503.
 *   <li>{@code agent.url} (default {@code https://<this host>:<server.port>}): the Dispatcher's
 *       address as a VM reaches it, written into each launch's user data
 *   <li>{@code agent.token.ttl} (default 2h): how long a launch's bootstrap token stays good
 *   <li>{@code agent.certificate.lifetime} (default 90d): an agent certificate's lifetime
 *   <li>{@code agent.port} (default 2003): the port agents listen on, recorded for every agent
 *       (what an agent says about its own address and port is not believed: its address is the
 *       cloud's record of its server)
 * </ul>
 */
public record AgentSettings(
    Optional<Path> caDir, URI url, Duration tokenTtl, Duration certificateLifetime, int port) {

  public static AgentSettings from(Config config, int port) {
    Optional<Path> caDir = config.optional("agent.ca.dir").map(Path::of);
    String url = config.get("agent.url", "https://" + ComponentRegistry.hostName() + ":" + port);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw config.error("agent.url", "is not a URL: " + e.getMessage());
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw config.error(
          "agent.url", "must be an https:// address with a host, e.g. https://10.0.0.5:3302");
    }
    Duration tokenTtl = config.getDuration("agent.token.ttl", Duration.ofHours(2));
    if (tokenTtl.compareTo(Duration.ofMinutes(1)) < 0
        || tokenTtl.compareTo(Duration.ofDays(7)) > 0) {
      throw config.error("agent.token.ttl", "must be between 1m and 7d");
    }
    Duration lifetime = config.getDuration("agent.certificate.lifetime", Duration.ofDays(90));
    if (lifetime.compareTo(Duration.ofMinutes(5)) < 0
        || lifetime.compareTo(Duration.ofDays(825)) > 0) {
      throw config.error("agent.certificate.lifetime", "must be between 5m and 825d");
    }
    int agentPort = config.getInt("agent.port", 2003);
    if (agentPort < 1 || agentPort > 65535) {
      throw config.error("agent.port", "must be between 1 and 65535");
    }
    return new AgentSettings(caDir, uri, tokenTtl, lifetime, agentPort);
  }

  /** The Dispatcher's address as agents call it, without a trailing slash. */
  public String baseUrl() {
    String text = url.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
