package io.stratus.pinger.sim;

import io.stratus.pinger.sim.SimulatedAgent.Mode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.TrustManager;

/**
 * Many simulated guest agents in one process: each listens on its own loopback address (127.43.x.y,
 * any of 127/8 reaches loopback on Linux) and a port the kernel picks, so runs never collide. One
 * selector thread accepts for all of them; a few more do, without blocking, the agent side of
 * mutual TLS (its own certificate; the client's required and checked against the CA) and answer
 * {@code GET /status} with a small JSON document ({@link AgentConnection}). A request without
 * {@code Connection: close} keeps the connection for the next one, as an HTTP/1.1 server would.
 */
public final class SimulatedAgents implements AutoCloseable {
  private static final int FIRST_HOST = 1;
  private static final int HOSTS_PER_OCTET = 250;

  private final TestPki pki;
  private final TrustManager[] trust;
  private final Selector selector;
  private final Thread acceptor;
  private final AgentLoop[] loops;
  private int nextLoop;
  private final Queue<Runnable> onLoop = new ConcurrentLinkedQueue<>();
  private final Map<SimulatedAgent, ServerSocketChannel> listeners = new ConcurrentHashMap<>();
  private final Map<SimulatedAgent, List<SocketChannel>> hung = new ConcurrentHashMap<>();
  private final List<SimulatedAgent> agents = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final int firstSubnet;
  private volatile boolean running = true;
  private volatile Exception lastFailure;

  /**
   * @param workers selector threads doing the agents' TLS and HTTP
   * @param firstSubnet third octet of the first address (127.43.firstSubnet.1), to keep apart
   *     simulations running at the same time
   */
  public SimulatedAgents(TestPki pki, int workers, int firstSubnet) {
    this.pki = pki;
    this.trust = pki.trustManagers();
    this.firstSubnet = firstSubnet;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.loops = new AgentLoop[workers];
    for (int i = 0; i < workers; i++) {
      loops[i] = new AgentLoop("agent-io-" + i);
    }
    this.acceptor = new Thread(this::accept, "agent-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Adds {@code count} answering agents, each with a new key and certificate. */
  public synchronized List<SimulatedAgent> add(int count) {
    List<SimulatedAgent> added = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = agents.size();
      String host =
          "127.43."
              + (firstSubnet + index / HOSTS_PER_OCTET)
              + "."
              + (FIRST_HOST + index % HOSTS_PER_OCTET);
      AgentIdentity identity = pki.issueAgent(host);
      SimulatedAgent agent;
      try {
        ServerSocketChannel listener =
            listen(new InetSocketAddress(InetAddress.getByName(host), 0));
        agent = new SimulatedAgent(this, (InetSocketAddress) listener.getLocalAddress(), identity);
        listeners.put(agent, listener);
        register(agent, listener);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + host, e);
      }
      agents.add(agent);
      added.add(agent);
    }
    return added;
  }

  public SimulatedAgent add() {
    return add(1).get(0);
  }

  public synchronized List<SimulatedAgent> agents() {
    return List.copyOf(agents);
  }

  /** Connections that ended with an error on the agent's side (TLS refused, client gone...). */
  public int failures() {
    return failures.get();
  }

  /** The last error on the agents' side, for a test's failure message. */
  public Exception lastFailure() {
    return lastFailure;
  }

  private void failed(Exception e) {
    failures.incrementAndGet();
    lastFailure = e;
  }

  TrustManager[] trustManagers() {
    return trust;
  }

  void setMode(SimulatedAgent agent, Mode mode) {
    Mode was = agent.mode();
    agent.setMode(mode);
    if (was == Mode.HANGING && mode != Mode.HANGING) {
      List<SocketChannel> held = hung.remove(agent);
      if (held != null) {
        held.forEach(SimulatedAgents::closeQuietly);
      }
    }
    if (mode == Mode.REFUSING) {
      ServerSocketChannel listener = listeners.remove(agent);
      if (listener != null) {
        onLoop(
                () -> {
                  closeQuietly(listener);
                  try {
                    selector.selectNow(); // deregisters it, which really closes the port
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .join();
      }
    } else if (!listeners.containsKey(agent)) {
      try {
        ServerSocketChannel listener = listen(agent.socketAddress());
        listeners.put(agent, listener);
        register(agent, listener);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + agent.socketAddress() + " again", e);
      }
    }
  }

  private static ServerSocketChannel listen(InetSocketAddress address) throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    listener.bind(address, 1024);
    listener.configureBlocking(false);
    return listener;
  }

  private void register(SimulatedAgent agent, ServerSocketChannel listener) {
    onLoop(
            () -> {
              try {
                listener.register(selector, SelectionKey.OP_ACCEPT, agent);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .join();
  }

  private CompletableFuture<Void> onLoop(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop.add(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    selector.wakeup();
    return done;
  }

  private void accept() {
    try {
      while (running) {
        selector.select(100);
        Runnable task;
        while ((task = onLoop.poll()) != null) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid() || !key.isAcceptable()) {
            continue;
          }
          SimulatedAgent agent = (SimulatedAgent) key.attachment();
          SocketChannel channel;
          while ((channel = ((ServerSocketChannel) key.channel()).accept()) != null) {
            if (agent.mode() == Mode.HANGING) {
              hung.computeIfAbsent(agent, a -> new ArrayList<>()).add(channel);
            } else {
              loops[Math.floorMod(nextLoop++, loops.length)].submit(
                  new AgentConnection(agent, channel, this::failed));
            }
          }
        }
      }
    } catch (IOException e) {
      if (running) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listeners.values().forEach(SimulatedAgents::closeQuietly);
    hung.values().forEach(list -> list.forEach(SimulatedAgents::closeQuietly));
    for (AgentLoop loop : loops) {
      loop.stop();
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** A selector thread serving accepted connections. */
  private static final class AgentLoop implements Runnable {
    private final Selector selector;
    private final Queue<AgentConnection> incoming = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    AgentLoop(String name) {
      try {
        selector = Selector.open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    void submit(AgentConnection connection) {
      incoming.add(connection);
      selector.wakeup();
    }

    @Override
    public void run() {
      try {
        while (running) {
          selector.select(100);
          AgentConnection started;
          while ((started = incoming.poll()) != null) {
            started.start(selector);
          }
          Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
          while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) {
              ((AgentConnection) key.attachment()).ready();
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        for (SelectionKey key : selector.keys()) {
          ((AgentConnection) key.attachment()).close();
        }
        try {
          selector.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }

    void stop() {
      running = false;
      selector.wakeup();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
