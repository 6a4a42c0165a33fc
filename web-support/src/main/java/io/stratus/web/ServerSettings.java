package io.stratus.web;

import io.stratus.common.config.Config;

/**
 * Where an internal HTTPS service listens, from its properties:
 *
 * <ul>
 *   <li>{@code server.port} (the component's port by default; 0 picks a free one)
 *   <li>{@code server.address} (default 0.0.0.0)
 *   <li>{@code server.max-threads} (default 64, 4..1000) request threads
 * </ul>
 *
 * A WAR in a standalone Tomcat uses the connector in {@code server.xml} instead; these settings are
 * for the embedded launchers (tests and the single-machine mode).
 *
 * @param maxBodyBytes the largest request body accepted
 */
public record ServerSettings(String address, int port, int maxThreads, int maxBodyBytes) {

  public static ServerSettings from(Config config, int defaultPort, int maxBodyBytes) {
    int port = config.getInt("server.port", defaultPort);
    if (port < 0 || port > 65535) {
      throw config.error("server.port", "must be a port number (0 picks a free one), not " + port);
    }
    String address = config.get("server.address", "0.0.0.0");
    int maxThreads = config.getInt("server.max-threads", 64);
    if (maxThreads < 4 || maxThreads > 1000) {
      throw config.error("server.max-threads", "must be between 4 and 1000, not " + maxThreads);
    }
    return new ServerSettings(address, port, maxThreads, maxBodyBytes);
  }
}
