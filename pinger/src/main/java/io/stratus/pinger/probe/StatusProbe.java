package io.stratus.pinger.probe;

import io.stratus.common.pki.AgentFingerprint;
import io.stratus.pinger.probe.ProbeResult.Kind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * Asks guest agents {@code GET /status} over mutual TLS, many at once on a few selector threads.
 *
 * <p>The TLS context presents the pinger's certificate and trusts only the installation CA; the
 * agent's certificate must also match its recorded {@link AgentFingerprint}. Each agent's
 * connection is kept open after an answer (HTTP/1.1 keep-alive), up to {@code maxKept} connections,
 * so a probe is normally one request and one answer on an established connection. When there is
 * none (the first probe, the agent closed it, the pool is full) the probe connects anew, and the
 * TLS handshake resumes the agent's session when the context still holds one, which costs well
 * under half a full handshake. Why both: docs/pinger.md.
 *
 * <p>A probe never completes exceptionally: every failure is a {@link ProbeResult} miss.
 */
public final class StatusProbe implements AutoCloseable {
  /**
   * Client TLS sessions kept for resumption, one per agent address and port (the JDK's default
   * would thrash above 20,480 agents).
   */
  static final int SESSION_CACHE_SIZE = 262_144;

  private final SSLContext context;
  private final long connectTimeoutNanos;
  private final long requestTimeoutNanos;
  private final IoLoop[] loops;
  private long round;

  /**
   * @param context mutual TLS: the pinger's key and the installation trust store
   * @param ioThreads selector threads; each also runs the TLS work of its probes
   * @param maxKept connections kept open between probes, over all threads (0: none)
   */
  public StatusProbe(
      SSLContext context,
      Duration connectTimeout,
      Duration requestTimeout,
      int ioThreads,
      int maxKept) {
    this.context = context;
    this.connectTimeoutNanos = connectTimeout.toNanos();
    this.requestTimeoutNanos = requestTimeout.toNanos();
    context.getClientSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
    this.loops = new IoLoop[ioThreads];
    int perLoop = (maxKept + ioThreads - 1) / ioThreads;
    for (int i = 0; i < ioThreads; i++) {
      loops[i] = new IoLoop("pinger-io-" + i, perLoop);
    }
  }

  /**
   * Starts one probe. A host name is resolved here, on the caller's thread; agents are normally
   * recorded by IP address.
   *
   * @return completes on an I/O thread, never exceptionally; keep what runs there short
   */
  public CompletableFuture<ProbeResult> probe(ProbeTarget target) {
    InetSocketAddress address = target.socketAddress();
    if (address.isUnresolved()) {
      return CompletableFuture.completedFuture(
          ProbeResult.miss(Kind.CONNECT_FAILED, "cannot resolve " + target.address()));
    }
    // Always the same loop for an agent: its kept connection lives there.
    IoLoop loop = loops[Math.floorMod(target.poolKey().hashCode(), loops.length)];
    Exchange exchange =
        new Exchange(loop, context, target, address, connectTimeoutNanos, requestTimeoutNanos);
    loop.submit(exchange);
    return exchange.result();
  }

  /**
   * Starts a new round of probes (a sweep). A kept connection that was not used during the whole
   * previous round is closed: its agent is no longer probed. Rounds, not time, decide, so a sweep
   * that runs late does not cost the connections it has not reached yet.
   */
  public void newRound() {
    round++;
    for (IoLoop loop : loops) {
      loop.newRound(round);
    }
  }

  /** Connections kept open now (a rough figure: read without the loops' locks). */
  public int keptConnections() {
    int total = 0;
    for (IoLoop loop : loops) {
      total += loop.keptCount();
    }
    return total;
  }

  /** Stops the I/O threads and closes the kept connections; open probes end as abandoned. */
  @Override
  public void close() throws InterruptedException {
    for (IoLoop loop : loops) {
      loop.stop(5_000);
    }
  }
}
