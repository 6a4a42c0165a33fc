package io.stratus.pinger.bench;

import io.stratus.common.pki.TlsMaterial;
import io.stratus.pinger.probe.ProbeResult;
import io.stratus.pinger.probe.ProbeTarget;
import io.stratus.pinger.probe.StatusProbe;
import io.stratus.pinger.sim.SimulatedAgent;
import io.stratus.pinger.sim.SimulatedAgents;
import io.stratus.pinger.sim.TestPki;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * What one ping costs in CPU, client and agent side, for three ways of talking to agents (see
 * docs/pinger.md, "Benchmark"), all through the pinger's {@link StatusProbe}: a new connection with
 * a full TLS handshake every time, a new connection resuming the TLS session, and one kept-alive
 * connection per agent (what the pinger does, falling back to the second). Client and agents share
 * this JVM; CPU is counted per thread ({@code pinger-io-*} and {@code agent-io-*}), so each side is
 * measured apart.
 *
 * <p>Arguments: agents (default 300), rounds per mode (default 10), pings in flight (default 32).
 */
public final class TlsCostBenchmark {
  private TlsCostBenchmark() {}

  private record Round(long nanos, long clientCpu, long agentCpu, long[] latencies, int misses) {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    TestPki pki = TestPki.create("tls-cost");
    try (SimulatedAgents agents = new SimulatedAgents(pki, 1, 120)) {
      List<SimulatedAgent> all = agents.add(count);
      SSLContext context = TlsMaterial.load(pki.pingerKeyStore(), pki.trustStore()).sslContext();
      System.out.printf(
          "%d agents, %d rounds per mode, %d pings in flight, 1 client I/O thread%n%n",
          count, rounds, inFlight);
      System.out.println(
          "| mode | pings/s | client CPU per ping | agent CPU per ping | p50 | p99 |");
      System.out.println("|---|---|---|---|---|---|");
      try (StatusProbe probe = probe(context, 0)) {
        for (int i = 0; i < 3; i++) { // warm-up: JIT for both kinds of handshake
          TestPki.forgetSessions(context);
          probeRound(probe, all, inFlight);
          probeRound(probe, all, inFlight);
        }
        List<Round> full = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          TestPki.forgetSessions(context);
          full.add(probeRound(probe, all, inFlight));
        }
        print("new connection, full handshake", full);
        List<Round> resumed = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          resumed.add(probeRound(probe, all, inFlight));
        }
        print("new connection, resumed session", resumed);
      }
      try (StatusProbe probe = probe(context, count)) {
        for (int i = 0; i < 3; i++) {
          probeRound(probe, all, inFlight);
        }
        List<Round> kept = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          kept.add(probeRound(probe, all, inFlight));
        }
        print("kept-alive connection per agent", kept);
      }
    }
  }

  private static StatusProbe probe(SSLContext context, int kept) {
    return new StatusProbe(context, Duration.ofSeconds(2), Duration.ofSeconds(3), 1, kept);
  }

  private static Round probeRound(StatusProbe probe, List<SimulatedAgent> agents, int inFlight)
      throws Exception {
    Semaphore slots = new Semaphore(inFlight);
    long[] latencies = new long[agents.size()];
    AtomicInteger misses = new AtomicInteger();
    long clientBefore = cpu("pinger-io-");
    long agentBefore = cpu("agent-io-");
    long start = System.nanoTime();
    List<CompletableFuture<ProbeResult>> results = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      SimulatedAgent agent = agents.get(i);
      slots.acquire();
      long sent = System.nanoTime();
      int index = i;
      results.add(
          probe
              .probe(new ProbeTarget(agent.address(), agent.port(), agent.identity().fingerprint()))
              .whenComplete(
                  (r, e) -> {
                    latencies[index] = System.nanoTime() - sent;
                    if (!r.answered()) {
                      misses.incrementAndGet();
                    }
                    slots.release();
                  }));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    Thread.sleep(200); // the agents' workers finish closing
    return new Round(
        elapsed,
        cpu("pinger-io-") - clientBefore,
        cpu("agent-io-") - agentBefore,
        latencies,
        misses.get());
  }

  /** CPU time of every live thread whose name starts with {@code prefix}. */
  static long cpu(String prefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t > 0) {
          total += t;
        }
      }
    }
    return total;
  }

  private static void print(String mode, List<Round> rounds) {
    long pings = 0;
    long nanos = 0;
    long client = 0;
    long agent = 0;
    int misses = 0;
    List<Long> latencies = new ArrayList<>();
    for (Round r : rounds) {
      pings += r.latencies().length;
      nanos += r.nanos();
      client += r.clientCpu();
      agent += r.agentCpu();
      misses += r.misses();
      Arrays.stream(r.latencies()).forEach(latencies::add);
    }
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f | %.3f ms | %.3f ms | %.2f ms | %.2f ms |%s%n",
        mode,
        pings / (nanos / 1e9),
        client / 1e6 / pings,
        agent / 1e6 / pings,
        latencies.get(latencies.size() / 2) / 1e6,
        latencies.get((int) (latencies.size() * 0.99)) / 1e6,
        misses > 0 ? " (" + misses + " misses)" : "");
  }
}
