package io.stratus.pinger.sim;

import io.stratus.common.pki.ComponentIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The agent's side of one connection, non-blocking: the TLS handshake (client certificate
 * required), then {@code GET /status} answered with a small JSON document, as many times as the
 * client asks on a kept-alive connection. An idle connection holds no buffers, so thousands of kept
 * connections cost little.
 */
final class AgentConnection {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SimulatedAgent agent;
  private final SocketChannel channel;
  private final SSLEngine engine;
  private final Consumer<Exception> onError;
  private final ByteArrayOutputStream request = new ByteArrayOutputStream(256);
  private SelectionKey key;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer plain;
  private String caller;
  private boolean closing;

  AgentConnection(SimulatedAgent agent, SocketChannel channel, Consumer<Exception> onError) {
    this.agent = agent;
    this.channel = channel;
    this.onError = onError;
    this.engine = agent.context().createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(true);
  }

  /** On the loop thread: registers and starts the handshake. */
  void start(Selector selector) {
    try {
      channel.configureBlocking(false);
      key = channel.register(selector, SelectionKey.OP_READ, this);
      agent.opened(channel);
      engine.beginHandshake();
      pump();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  void ready() {
    try {
      pump();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void pump() throws IOException {
    if (agent.mode() == SimulatedAgent.Mode.REFUSING) {
      close(); // stopped: a connection accepted just before (or kept from before) ends too
      return;
    }
    buffers();
    while (true) {
      if (!flush()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      if (closing) {
        close();
        return;
      }
      HandshakeStatus status = engine.getHandshakeStatus();
      if (status == HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
          task.run();
        }
      } else if (status == HandshakeStatus.NEED_WRAP) {
        wrap(EMPTY);
      } else if (headComplete() && agent.mode() != SimulatedAgent.Mode.HANGING) {
        answer();
      } else if (!unwrap()) {
        if (!channel.isOpen()) {
          return;
        }
        key.interestOps(SelectionKey.OP_READ);
        if (netIn.position() == 0 && netOut.position() == 0 && request.size() == 0) {
          netIn = netOut = plain = null; // idle: hold nothing
        }
        return;
      }
    }
  }

  private void buffers() {
    if (netIn == null) {
      int packet = engine.getSession().getPacketBufferSize();
      netIn = ByteBuffer.allocate(packet);
      netOut = ByteBuffer.allocate(packet);
      plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }
  }

  private boolean headComplete() {
    byte[] bytes = request.toByteArray();
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == '\r'
          && bytes[i + 1] == '\n'
          && bytes[i + 2] == '\r'
          && bytes[i + 3] == '\n') {
        return true;
      }
    }
    return false;
  }

  private void answer() throws IOException {
    if (caller == null) {
      caller =
          ComponentIdentity.of((X509Certificate) engine.getSession().getPeerCertificates()[0])
              .map(ComponentIdentity::component)
              .orElse("(none)");
    }
    String head = request.toString(StandardCharsets.ISO_8859_1);
    request.reset();
    boolean close =
        agent.closesEachConnection()
            || head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    boolean status = head.startsWith("GET /status ");
    int code = status ? agent.status() : 404;
    agent.answered(caller);
    byte[] body =
        (status
                ? "{\"state\":\"running\",\"version\":\"simulated\",\"answers\":"
                    + agent.answers()
                    + "}"
                : "{\"error\":\"not found\"}")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream answer = new ByteArrayOutputStream(256);
    answer.write(
        ("HTTP/1.1 "
                + code
                + (code == 200 ? " OK" : " Error")
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + (close ? "\r\nConnection: close" : "")
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    answer.write(body);
    ByteBuffer out = ByteBuffer.wrap(answer.toByteArray()); // one TLS record
    while (out.hasRemaining()) {
      wrap(out);
    }
    if (close) {
      closing = true;
      engine.closeOutbound();
      while (!engine.isOutboundDone()) {
        wrap(EMPTY);
      }
    }
  }

  private boolean flush() throws IOException {
    if (netOut.position() == 0) {
      return true;
    }
    netOut.flip();
    channel.write(netOut);
    netOut.compact();
    return netOut.position() == 0;
  }

  private void wrap(ByteBuffer source) throws IOException {
    SSLEngineResult result = engine.wrap(source, netOut);
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      ByteBuffer bigger = ByteBuffer.allocate(netOut.capacity() * 2);
      netOut.flip();
      bigger.put(netOut);
      netOut = bigger;
    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED && !closing) {
      throw new SSLException("closed");
    }
  }

  /** False when it has to wait for the socket (or the client is gone). */
  private boolean unwrap() throws IOException {
    while (true) {
      netIn.flip();
      SSLEngineResult result = engine.unwrap(netIn, plain);
      netIn.compact();
      switch (result.getStatus()) {
        case OK -> {
          plain.flip();
          request.write(plain.array(), plain.position(), plain.remaining());
          plain.clear();
          return true;
        }
        case BUFFER_OVERFLOW -> {
          ByteBuffer bigger = ByteBuffer.allocate(plain.capacity() * 2);
          plain.flip();
          bigger.put(plain);
          plain = bigger;
        }
        case BUFFER_UNDERFLOW -> {
          if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
          }
          int read = channel.read(netIn);
          if (read < 0) {
            close();
            return false;
          }
          if (read == 0) {
            return false;
          }
        }
        case CLOSED -> {
          close();
          return false;
        }
      }
    }
  }

  private void fail(Exception e) {
    if (channel.isOpen()) {
      onError.accept(e);
    }
    close();
  }

  void close() {
    agent.closed(channel);
    try {
      channel.close();
    } catch (IOException e) {
      // gone anyway
    }
  }
}
