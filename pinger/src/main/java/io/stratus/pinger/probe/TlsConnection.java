package io.stratus.pinger.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * An established mutual-TLS connection to one agent, whose certificate was checked when it was
 * made. Between probes it waits in its {@link IoLoop}'s pool, watched for the agent closing it (or
 * sending a late TLS message such as a session ticket, which is consumed); the next probe of the
 * same agent sends its request on it without a handshake.
 */
final class TlsConnection implements Selectable {
  private final IoLoop loop;
  private final String poolKey;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final SSLEngine engine;
  private final String fingerprint;
  private long lastRound;

  TlsConnection(
      IoLoop loop,
      String poolKey,
      SocketChannel channel,
      SelectionKey key,
      SSLEngine engine,
      String fingerprint) {
    this.loop = loop;
    this.poolKey = poolKey;
    this.channel = channel;
    this.key = key;
    this.engine = engine;
    this.fingerprint = fingerprint;
  }

  String poolKey() {
    return poolKey;
  }

  /** The fingerprint of the certificate the agent presented on this connection. */
  String fingerprint() {
    return fingerprint;
  }

  SocketChannel channel() {
    return channel;
  }

  SelectionKey key() {
    return key;
  }

  SSLEngine engine() {
    return engine;
  }

  /** The probe round ({@link StatusProbe#newRound}) in which the connection was last used. */
  long lastRound() {
    return lastRound;
  }

  /** Parks the connection: from now on the key reports to this connection. */
  void park(long round) {
    lastRound = round;
    key.attach(this);
    key.interestOps(SelectionKey.OP_READ);
  }

  /** Hands the connection to a probe. */
  void lend(Selectable exchange) {
    key.attach(exchange);
    key.interestOps(0);
  }

  /**
   * Something arrived while idle: a post-handshake TLS message is consumed, anything else ends it.
   */
  @Override
  public void ready() {
    try {
      ByteBuffer in = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      if (channel.read(in) < 0) {
        drop();
        return;
      }
      in.flip();
      ByteBuffer plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
      SSLEngineResult result = engine.unwrap(in, plain);
      Runnable task;
      while ((task = engine.getDelegatedTask()) != null) {
        task.run();
      }
      if (result.getStatus() != SSLEngineResult.Status.OK
          || plain.position() > 0
          || in.hasRemaining()) {
        drop();
      }
    } catch (IOException | RuntimeException e) {
      drop();
    }
  }

  /** Closes the connection and forgets it. */
  void drop() {
    loop.forget(this);
    close();
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
