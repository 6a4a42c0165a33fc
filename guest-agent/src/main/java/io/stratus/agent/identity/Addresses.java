package io.stratus.agent.identity;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The address the agent tells the Dispatcher to reach it at: the listen address, or when that is a
 * wildcard, the local address this host would use to reach the Dispatcher (found by connecting a
 * UDP socket, which sends nothing).
 */
final class Addresses {
  private Addresses() {}

  static String advertised(String listenAddress, URI dispatcher) {
    try {
      InetAddress listen = InetAddress.getByName(listenAddress);
      if (!listen.isAnyLocalAddress()) {
        return listenAddress;
      }
      int port = dispatcher.getPort() > 0 ? dispatcher.getPort() : 443;
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.connect(new InetSocketAddress(dispatcher.getHost(), port));
        InetAddress local = socket.getLocalAddress();
        if (local != null && !local.isAnyLocalAddress()) {
          return local.getHostAddress();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return listenAddress;
  }
}
