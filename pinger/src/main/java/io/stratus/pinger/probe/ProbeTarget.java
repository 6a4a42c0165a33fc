package io.stratus.pinger.probe;

import io.stratus.common.pki.AgentFingerprint;
import java.net.InetSocketAddress;

/**
 * Where an agent listens and the fingerprint ({@link AgentFingerprint}) of the certificate it must
 * present.
 */
public record ProbeTarget(String address, int port, String fingerprint) {
  /** The socket address; resolves a host name (blocking), leaves an IP literal as it is. */
  InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** Which kept connection serves this target: one per address and port. */
  String poolKey() {
    return address + ":" + port;
  }

  /** The value of the {@code Host} header. */
  String hostHeader() {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }
}
