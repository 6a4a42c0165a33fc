package io.stratus.pinger.probe;

import io.stratus.common.pki.AgentFingerprint;
import io.stratus.pinger.probe.ProbeResult.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * One {@code GET /status}, driven without blocking on its {@link IoLoop}'s thread (the TLS engine's
 * delegated tasks included).
 *
 * <p>It uses the agent's kept connection when its loop holds one for the same certificate;
 * otherwise it connects and makes a TLS handshake, resumed when the context still holds a session
 * for the agent's address and port. After the handshake the agent's certificate is checked against
 * the recorded fingerprint. An answer that leaves the connection reusable puts it back in the pool.
 *
 * <p>One retry on a new connection, within the same probe, covers what may not be the agent's
 * fault: a kept connection the agent had closed (or reset) just as the request went out, and a
 * certificate mismatch, which on a resumed session may predate the agent's renewal (the session is
 * dropped, so the retry's full handshake shows the certificate the agent holds now).
 */
final class Exchange implements Selectable {
  private enum Phase {
    CONNECTING,
    /**
     * Connected, waiting for one of the loop's handshake slots (no deadline: our CPU, not theirs).
     */
    WAITING,
    HANDSHAKING,
    SENDING,
    RECEIVING,
    DONE
  }

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final IoLoop loop;
  private final SSLContext context;
  private final ProbeTarget target;
  private final InetSocketAddress address;
  private final long connectTimeoutNanos;
  private final long requestTimeoutNanos;
  private final CompletableFuture<ProbeResult> result = new CompletableFuture<>();
  private ByteBuffer request;
  private StatusAnswer answer = new StatusAnswer();

  private Phase phase = Phase.CONNECTING;
  private long deadline;
  private boolean reused;
  private boolean retried;
  private boolean sessionDropped;
  private boolean retryPending;
  private boolean holdsHandshakeSlot;
  private SocketChannel channel;
  private SelectionKey key;
  private SSLEngine engine;
  private TlsConnection connection;
  private ByteBuffer netOut;
  private ByteBuffer netIn;
  private ByteBuffer plain;

  Exchange(
      IoLoop loop,
      SSLContext context,
      ProbeTarget target,
      InetSocketAddress address,
      long connectTimeoutNanos,
      long requestTimeoutNanos) {
    this.loop = loop;
    this.context = context;
    this.target = target;
    this.address = address;
    this.connectTimeoutNanos = connectTimeoutNanos;
    this.requestTimeoutNanos = requestTimeoutNanos;
  }

  CompletableFuture<ProbeResult> result() {
    return result;
  }

  /** Starts the probe on the loop thread: on the kept connection if there is one, else anew. */
  void start(Selector selector) {
    request =
        ByteBuffer.wrap(
            ("GET /status HTTP/1.1\r\nHost: "
                    + target.hostHeader()
                    + "\r\nUser-Agent: stratus-pinger\r\nAccept: application/json\r\n"
                    + (loop.keepsConnections() ? "" : "Connection: close\r\n")
                    + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    TlsConnection kept = loop.take(target.poolKey());
    if (kept != null && kept.fingerprint().equals(target.fingerprint())) {
      reuse(kept);
    } else {
      if (kept != null) { // made for another certificate: the agent's record changed
        kept.engine().getSession().invalidate();
        kept.close();
        sessionDropped = true;
      }
      connect(selector);
    }
    retryIfPending();
  }

  @Override
  public void ready() {
    try {
      if (phase == Phase.CONNECTING) {
        if (channel.finishConnect()) {
          connected();
        }
      } else {
        advance();
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
    retryIfPending();
  }

  /** Connects anew if a retry was decided; only here, once nothing of the old connection runs. */
  private void retryIfPending() {
    while (retryPending) {
      retryPending = false;
      connect(loop.selector());
    }
  }

  /** Ends the exchange as timed out if its deadline has passed; true if it is over. */
  boolean expireIf(long now) {
    if (phase != Phase.DONE && phase != Phase.WAITING && now - deadline > 0) {
      finish(
          ProbeResult.miss(
              Kind.TIMED_OUT,
              phase == Phase.CONNECTING
                  ? "no connection within " + millis(connectTimeoutNanos)
                  : "no answer within " + millis(requestTimeoutNanos)),
          false);
    }
    return phase == Phase.DONE;
  }

  /** Ends the exchange because the pinger stops. */
  void abandon() {
    finish(ProbeResult.miss(Kind.ABANDONED, "the pinger stopped"), false);
  }

  private void reuse(TlsConnection kept) {
    reused = true;
    connection = kept;
    channel = kept.channel();
    key = kept.key();
    engine = kept.engine();
    kept.lend(this);
    phase = Phase.SENDING;
    deadline = System.nanoTime() + requestTimeoutNanos;
    allocateBuffers();
    try {
      advance();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void connect(Selector selector) {
    try {
      phase = Phase.CONNECTING;
      deadline = System.nanoTime() + connectTimeoutNanos;
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      key = channel.register(selector, SelectionKey.OP_CONNECT, this);
      if (channel.connect(address)) {
        connected();
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void connected() throws IOException {
    if (loop.takeHandshakeSlot()) {
      holdsHandshakeSlot = true;
      handshake();
    } else {
      phase = Phase.WAITING;
      key.interestOps(0);
      loop.awaitHandshakeSlot(this);
    }
  }

  /** Called by the loop when a handshake slot is free for this waiting exchange (given to it). */
  void handshakeSlotFree() {
    holdsHandshakeSlot = true;
    try {
      handshake();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
    retryIfPending();
  }

  private void handshake() throws IOException {
    phase = Phase.HANDSHAKING;
    deadline = System.nanoTime() + requestTimeoutNanos;
    engine = context.createSSLEngine(target.address(), target.port());
    engine.setUseClientMode(true);
    allocateBuffers();
    engine.beginHandshake();
    advance();
  }

  private void releaseHandshakeSlot() {
    if (holdsHandshakeSlot) {
      holdsHandshakeSlot = false;
      loop.handshakeEnded();
    }
  }

  private void allocateBuffers() {
    SSLSession session = engine.getSession();
    netOut = ByteBuffer.allocate(session.getPacketBufferSize());
    netIn = ByteBuffer.allocate(session.getPacketBufferSize());
    plain = ByteBuffer.allocate(session.getApplicationBufferSize());
  }

  /** Drives the engine until it has to wait for the socket or the exchange is over. */
  private void advance() throws IOException {
    while (phase != Phase.DONE && !retryPending) {
      if (!flush()) {
        key.interestOps(SelectionKey.OP_WRITE);
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
      } else if (phase == Phase.HANDSHAKING && status == HandshakeStatus.NOT_HANDSHAKING) {
        String presented = presentedFingerprint();
        if (!presented.equals(target.fingerprint())) {
          mismatch(presented);
          return;
        }
        connection = new TlsConnection(loop, target.poolKey(), channel, key, engine, presented);
        releaseHandshakeSlot();
        phase = Phase.SENDING;
      } else if (phase == Phase.SENDING) {
        wrap(request);
        if (!request.hasRemaining()) {
          phase = Phase.RECEIVING;
        }
      } else if (phase == Phase.RECEIVING && answer.complete()) {
        answered();
      } else if (!unwrap()) {
        if (phase != Phase.DONE && !retryPending) {
          key.interestOps(SelectionKey.OP_READ);
        }
        return;
      }
    }
  }

  /**
   * The chain was checked against the installation CA during the handshake (or, for a resumed
   * session, when it was first made); this is the certificate it ended in.
   */
  private String presentedFingerprint() throws SSLException {
    Certificate[] chain = engine.getSession().getPeerCertificates();
    return AgentFingerprint.of((X509Certificate) chain[0]);
  }

  private void mismatch(String presented) {
    // Never resume this session again: the next handshake must show the agent's certificate.
    engine.getSession().invalidate();
    if (!retried && !sessionDropped) {
      sessionDropped = true;
      retry();
      return;
    }
    finish(
        ProbeResult.miss(
            Kind.WRONG_CERTIFICATE,
            "presents certificate " + presented + ", not the recorded " + target.fingerprint()),
        false);
  }

  private void answered() {
    int status = answer.status();
    ProbeResult outcome =
        status == 200
            ? ProbeResult.OK
            : ProbeResult.miss(Kind.BAD_ANSWER, "answered " + status + ", not 200");
    boolean leftovers = netIn.position() > 0 || netOut.position() > 0;
    if (answer.connectionReusable()
        && !leftovers
        && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
        && loop.keep(connection)) {
      phase = Phase.DONE;
      result.complete(outcome);
    } else {
      finish(outcome, true);
    }
  }

  /** Writes what the engine produced; true when nothing is left to write. */
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
    SSLEngineResult wrapped = engine.wrap(source, netOut);
    switch (wrapped.getStatus()) {
      case OK -> {}
      case BUFFER_OVERFLOW -> netOut = larger(netOut, engine.getSession().getPacketBufferSize());
      default -> throw new SSLException("the TLS connection closed while sending");
    }
  }

  /**
   * Decrypts what has arrived, reading from the socket when the engine needs more. False when the
   * exchange has to wait for the socket (or is over: the agent closed the connection).
   */
  private boolean unwrap() throws IOException {
    while (true) {
      netIn.flip();
      SSLEngineResult unwrapped = engine.unwrap(netIn, plain);
      netIn.compact();
      switch (unwrapped.getStatus()) {
        case OK -> {
          takePlain();
          return true;
        }
        case BUFFER_OVERFLOW -> {
          takePlain();
          plain = larger(plain, engine.getSession().getApplicationBufferSize());
        }
        case BUFFER_UNDERFLOW -> {
          if (!netIn.hasRemaining()) {
            netIn = larger(netIn, engine.getSession().getPacketBufferSize());
          }
          int read = channel.read(netIn);
          if (read < 0) {
            closedByAgent();
            return false;
          }
          if (read == 0) {
            return false;
          }
        }
        case CLOSED -> {
          takePlain();
          closedByAgent();
          return false;
        }
      }
    }
  }

  private void takePlain() throws IOException {
    plain.flip();
    if (plain.hasRemaining()) {
      answer.append(plain);
    }
    plain.clear();
  }

  private void closedByAgent() {
    if (phase == Phase.RECEIVING && answer.hasHead()) {
      answered();
    } else if (reused && !retried) {
      retry();
    } else {
      finish(
          ProbeResult.miss(
              Kind.BROKEN,
              phase == Phase.HANDSHAKING
                  ? "the agent closed the connection during the TLS handshake"
                  : "the agent closed the connection before answering"),
          false);
    }
  }

  private void fail(Exception e) {
    if (phase == Phase.DONE || retryPending) {
      return;
    }
    if (reused && !retried && !(e instanceof SSLException)) {
      retry(); // e.g. reset: the agent dropped the kept connection as the request went out
      return;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Kind kind;
    if (phase == Phase.CONNECTING) {
      kind = Kind.CONNECT_FAILED;
    } else if (e instanceof SSLException) {
      kind = Kind.TLS_FAILED;
    } else {
      kind = Kind.BROKEN;
    }
    finish(ProbeResult.miss(kind, message), false);
  }

  /** Drops this connection to start over on a new one (once per probe), see retryIfPending. */
  private void retry() {
    releaseHandshakeSlot();
    retried = true;
    retryPending = true;
    reused = false;
    closeChannel();
    connection = null;
    answer = new StatusAnswer();
    request.rewind();
  }

  /** Closes the connection (with a TLS close_notify after a complete answer) and completes. */
  private void finish(ProbeResult outcome, boolean orderly) {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase == Phase.WAITING) {
      loop.stopWaiting(this);
    }
    phase = Phase.DONE;
    releaseHandshakeSlot();
    if (orderly) {
      try {
        engine.closeOutbound();
        engine.wrap(EMPTY, netOut);
        flush();
      } catch (IOException | RuntimeException e) {
        // the answer is in; a close_notify that cannot be sent changes nothing
      }
    }
    closeChannel();
    result.complete(outcome);
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static ByteBuffer larger(ByteBuffer buffer, int atLeast) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
    buffer.flip();
    bigger.put(buffer);
    return bigger;
  }

  private static String millis(long nanos) {
    return (nanos / 1_000_000) + "ms";
  }
}
