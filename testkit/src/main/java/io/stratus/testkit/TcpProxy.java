package io.stratus.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback for fault tests: it forwards to a real server (a broker, a database) and
 * can fail the way a network does. {@link #blackhole} swallows bytes (a network that loses
 * packets), {@link #cutConnections()} drops every open connection, {@link #down()} also refuses new
 * ones until {@link #up()} (the server has gone away).
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean blackhole;
  private volatile boolean down;
  private volatile boolean closed;

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy in front of the database server that {@code jdbcUrl} names. */
  public static TcpProxy inFrontOf(String jdbcUrl) throws IOException {
    URI target = URI.create(jdbcUrl.substring("jdbc:".length()));
    return new TcpProxy(target.getHost(), target.getPort());
  }

  /** {@code jdbcUrl} (of the server this proxy forwards to) made to go through this proxy. */
  public String jdbcUrl(String jdbcUrl) {
    URI target = URI.create(jdbcUrl.substring("jdbc:".length()));
    return "jdbc:"
        + target.getScheme()
        + "://127.0.0.1:"
        + port()
        + target.getRawPath()
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** While on, bytes in both directions are read and thrown away. */
  public void blackhole(boolean on) {
    this.blackhole = on;
  }

  /** Closes every open connection; new ones are still accepted. */
  public void cutConnections() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Closes every open connection and refuses new ones until {@link #up()}. */
  public void down() {
    down = true;
    cutConnections();
  }

  /** Lets new connections through again. */
  public void up() {
    down = false;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    down();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (down) {
          closeQuietly(client);
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (!blackhole) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                // connection cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
