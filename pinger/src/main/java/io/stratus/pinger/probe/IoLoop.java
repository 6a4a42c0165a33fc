package io.stratus.pinger.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread driving many {@link Exchange}s, and the pool of connections kept open between
 * them for the agents assigned to it. Timeouts are checked every {@link #TICK_MILLIS}, so a probe
 * ends at most that much after its deadline. Everything but {@link #submit}, {@link #newRound} and
 * {@link #keptCount} runs on the loop thread.
 */
final class IoLoop implements Runnable {
  static final long TICK_MILLIS = 20;

  /**
   * TLS handshakes a loop runs at once. A full handshake costs milliseconds of CPU; more at once
   * would only make each slower, until they time out and count as misses that are the pinger's
   * fault. Connections wait for a slot after the TCP connect, without a deadline.
   */
  static final int HANDSHAKES_AT_ONCE = 8;

  private static final Logger log = LoggerFactory.getLogger(IoLoop.class);

  private final Selector selector;
  private final int maxKept;
  private volatile long round;
  private final Queue<Exchange> incoming = new ConcurrentLinkedQueue<>();
  private final List<Exchange> open = new ArrayList<>();
  private final Map<String, TlsConnection> kept = new HashMap<>();
  private final ArrayDeque<Exchange> waitingForHandshake = new ArrayDeque<>();
  private int handshaking;
  private final Thread thread;
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private volatile boolean running = true;

  /**
   * @param maxKept connections kept open between probes; 0 closes each after its answer
   */
  IoLoop(String name, int maxKept) {
    this.maxKept = maxKept;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands an exchange to the loop; it starts on the loop's next turn. */
  void submit(Exchange exchange) {
    incoming.add(exchange);
    if (!running) {
      abandonIncoming();
    } else if (wakeupPending.compareAndSet(false, true)) {
      selector.wakeup(); // once for all the exchanges submitted before the loop turns
    }
  }

  Selector selector() {
    return selector;
  }

  boolean keepsConnections() {
    return maxKept > 0;
  }

  /** The kept connection for {@code poolKey}, taken out of the pool; null if there is none. */
  TlsConnection take(String poolKey) {
    return kept.remove(poolKey);
  }

  /** Parks a connection after a complete answer; false (close it) when the pool is full. */
  boolean keep(TlsConnection connection) {
    if (kept.size() >= maxKept || kept.containsKey(connection.poolKey())) {
      return false;
    }
    connection.park(round);
    kept.put(connection.poolKey(), connection);
    return true;
  }

  /**
   * A new round of probes begins: kept connections not used in the whole of the previous round
   * belong to agents no longer probed, and are closed on the loop's next tick.
   */
  void newRound(long round) {
    this.round = round;
  }

  /** A kept connection was closed (by the agent, or as unused). */
  void forget(TlsConnection connection) {
    kept.remove(connection.poolKey(), connection);
  }

  /** Takes a handshake slot if one is free. */
  boolean takeHandshakeSlot() {
    if (handshaking < HANDSHAKES_AT_ONCE) {
      handshaking++;
      return true;
    }
    return false;
  }

  /** Queues a connected exchange for the next free handshake slot. */
  void awaitHandshakeSlot(Exchange exchange) {
    waitingForHandshake.add(exchange);
  }

  void stopWaiting(Exchange exchange) {
    waitingForHandshake.remove(exchange);
  }

  /** A handshake ended (either way); waiting exchanges get the slot on the loop's next turn. */
  void handshakeEnded() {
    handshaking--;
  }

  /** Connections kept open now; on the loop thread only, or for a rough figure. */
  int keptCount() {
    return kept.size();
  }

  @Override
  public void run() {
    long nextTick = System.nanoTime();
    try {
      while (running) {
        selector.select(TICK_MILLIS);
        wakeupPending.set(false);
        Exchange started;
        while ((started = incoming.poll()) != null) {
          open.add(started);
          started.start(selector);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isValid()) {
            ((Selectable) key.attachment()).ready();
          }
        }
        while (handshaking < HANDSHAKES_AT_ONCE && !waitingForHandshake.isEmpty()) {
          handshaking++;
          waitingForHandshake.poll().handshakeSlotFree();
        }
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
          open.removeIf(exchange -> exchange.expireIf(now));
          long current = round;
          kept.values()
              .removeIf(
                  connection -> {
                    if (connection.lastRound() < current - 1) {
                      connection.close();
                      return true;
                    }
                    return false;
                  });
        }
      }
    } catch (IOException | RuntimeException e) {
      log.error("Pinger I/O loop {} failed; its probes end unfinished", thread.getName(), e);
    } finally {
      running = false;
      open.forEach(Exchange::abandon);
      open.clear();
      waitingForHandshake.clear();
      abandonIncoming();
      kept.values().forEach(TlsConnection::close);
      kept.clear();
      try {
        selector.close();
      } catch (IOException e) {
        // stopping anyway
      }
    }
  }

  /** Stops the loop; probes still open end as abandoned. Waits up to {@code millis} for it. */
  void stop(long millis) throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join(millis);
  }

  private void abandonIncoming() {
    Exchange exchange;
    while ((exchange = incoming.poll()) != null) {
      exchange.abandon();
    }
  }
}
