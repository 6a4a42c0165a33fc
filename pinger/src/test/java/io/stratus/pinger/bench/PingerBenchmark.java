package io.stratus.pinger.bench;

import com.rabbitmq.client.Channel;
import com.sun.management.OperatingSystemMXBean;
import io.stratus.common.config.Config;
import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.pinger.Pinger;
import io.stratus.pinger.SweepStats;
import io.stratus.pinger.sim.SimulatedAgentsProcess;
import io.stratus.pinger.sim.TestPki;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One pinger against N simulated agents (default 10,000) over real mutual TLS on loopback, with
 * their rows in a scratch schema of the test MySQL and its events on the test broker (see
 * docs/pinger.md, "Benchmark").
 *
 * <p>The agents run in child processes (two by default, each within its open-file limit), so the
 * CPU figures of this process are the pinger's: its JVM's process CPU time, sampled at the end of
 * every sweep, with the children's CPU reported apart. Three phases, each a fresh pinger:
 *
 * <ol>
 *   <li><b>flat out</b>: {@code pinger.spread=0ms}, three sweeps: the first makes a full TLS
 *       handshake with every agent, the next ones use the kept connections. How fast a sweep can
 *       go.
 *   <li><b>production settings</b>: 30 s interval, pings spread over 15 s, six sweeps; after the
 *       second, 10 % of the agents stop; they must be unreachable after three misses with one event
 *       each, and every sweep must start 30 s after the one before.
 *   <li><b>no kept connections</b> ({@code pinger.kept-connections=0}), flat out, two sweeps: the
 *       fallback when agents close their connections (the second sweep resumes every session).
 * </ol>
 *
 * <p>Arguments: agents (default 10000), agent processes (default 2), the interval (default 30s,
 * shorter only to try the benchmark out). Needs the MySQL and RabbitMQ the integration tests use;
 * removes its schema, broker names and processes at the end.
 */
public final class PingerBenchmark {
  private PingerBenchmark() {}

  /** A sweep as the benchmark saw it end. */
  private record Sample(
      SweepStats stats,
      long endedNanos,
      long pingerCpu,
      long agentsCpu,
      long ioCpu,
      long writerCpu,
      long sweepCpu) {}

  private record Agent(String address, int port, String fingerprint) {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int processes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    String interval = args.length > 2 ? args[2] : "30s";
    TestPki pki = TestPki.create("pinger-bench");
    TestDatabase db = TestServices.newDatabase("pingerbench");
    TestBroker broker = TestServices.broker();
    String prefix = broker.uniqueName("pingerbench");
    List<Process> children = new ArrayList<>();
    List<PrintWriter> commands = new ArrayList<>();
    List<BufferedReader> replies = new ArrayList<>();
    try (Database database = StratusSchema.open(db);
        AmqpConnection amqp = AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "bench")) {
      long setup = System.nanoTime();
      List<Agent> agents = new ArrayList<>();
      List<Path> lists = new ArrayList<>();
      int perProcess = (count + processes - 1) / processes;
      for (int p = 0; p < processes; p++) {
        int n = Math.min(perProcess, count - p * perProcess);
        Path list = Files.createTempFile("pinger-bench-agents-", ".txt");
        lists.add(list);
        Process child =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SimulatedAgentsProcess.class.getName(),
                    pki.dir().toString(),
                    String.valueOf(n),
                    String.valueOf(p * 50),
                    list.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        children.add(child);
        commands.add(new PrintWriter(child.getOutputStream(), true, StandardCharsets.US_ASCII));
        replies.add(
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)));
      }
      for (int p = 0; p < processes; p++) {
        expect(replies.get(p), "READY");
      }
      for (Path list : lists) {
        for (String line : Files.readAllLines(list)) {
          String[] f = line.split(" ");
          agents.add(new Agent(f[0], Integer.parseInt(f[1]), f[2]));
        }
      }
      register(database, agents);
      System.out.printf(
          Locale.ROOT,
          "%,d agents in %d processes, rows and certificates ready in %.1f s%n",
          agents.size(),
          processes,
          (System.nanoTime() - setup) / 1e9);
      String unreachableQueue = prefix + ".unreachable";
      try (Channel channel = amqp.openChannel()) {
        // Durable: other work on this machine may restart the broker in the middle of a run.
        channel.queueDeclare(unreachableQueue, true, false, false, null);
        channel.queueBind(
            unreachableQueue, amqp.topology().eventsExchange(), "agent.*.*.unreachable");
      }

      Map<String, String> base = TestServices.keys(db, broker, prefix);
      base.put("tls.keystore", pki.pingerKeyStore().toString());
      base.put("tls.truststore", pki.trustStore().toString());
      base.put("pinger.interval", interval);

      Map<String, String> flatOut = new HashMap<>(base);
      flatOut.put("pinger.spread", "0ms");
      print("Flat out: pinger.spread=0ms, interval " + interval, run(flatOut, 3, children, null));

      int stopped = agents.size() / 10;
      List<Sample> paced =
          run(
              base,
              6,
              children,
              (sweep) -> {
                if (sweep == 2) {
                  for (int p = 0; p < processes; p++) {
                    commands.get(p).println("stop " + stopped / processes);
                    expect(replies.get(p), "STOPPED");
                  }
                  System.out.printf("(after sweep 2: %,d agents stopped)%n", stopped);
                }
              });
      print("Production settings: interval " + interval + ", spread half of it", paced);
      try (Channel channel = amqp.openChannel()) {
        long events = channel.queueDeclarePassive(unreachableQueue).getMessageCount();
        int unreachable =
            JdbcClient.create(database.primary())
                .sql("SELECT COUNT(*) FROM guest_agent WHERE state = 'unreachable'")
                .query(Integer.class)
                .single();
        System.out.printf(
            "%,d agents stopped: %,d rows unreachable, %,d unreachable events%n",
            stopped, unreachable, events);
      }
      for (int p = 0; p < processes; p++) {
        commands.get(p).println("answer");
        expect(replies.get(p), "ANSWERING");
      }

      Map<String, String> fallback = new HashMap<>(flatOut);
      fallback.put("pinger.kept-connections", "0");
      print(
          "No kept connections (resumed TLS sessions), flat out", run(fallback, 2, children, null));
    } finally {
      try (AmqpConnection amqp =
              AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "bench");
          Channel channel = amqp.openChannel()) {
        channel.queueDelete(prefix + ".unreachable");
        BrokerNames.deleteTopology(amqp);
      }
      commands.forEach(PrintWriter::close);
      for (Process child : children) {
        child.waitFor(30, TimeUnit.SECONDS);
        child.destroy();
      }
      db.close();
    }
  }

  /** What to do after a sweep (1-based), on the sweep thread. */
  private interface AfterSweep {
    void after(int sweep);
  }

  private static List<Sample> run(
      Map<String, String> values, int sweeps, List<Process> children, AfterSweep after)
      throws Exception {
    List<Sample> samples = new CopyOnWriteArrayList<>();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long startCpu = os.getProcessCpuTime();
    long startAgents = childrenCpu(children);
    long start = System.nanoTime();
    samples.add(
        new Sample(
            null,
            start,
            startCpu,
            startAgents,
            TlsCostBenchmark.cpu("pinger-io-"),
            TlsCostBenchmark.cpu("pinger-writer"),
            TlsCostBenchmark.cpu("pinger-sweep")));
    System.out.println("load average before: " + loadAverage());
    Pinger pinger = new Pinger(Config.of("pinger", values, Map.of()));
    pinger.listener(
        stats -> {
          samples.add(
              new Sample(
                  stats,
                  System.nanoTime(),
                  os.getProcessCpuTime(),
                  childrenCpu(children),
                  TlsCostBenchmark.cpu("pinger-io-"),
                  TlsCostBenchmark.cpu("pinger-writer"),
                  TlsCostBenchmark.cpu("pinger-sweep")));
          if (after != null) {
            after.after(samples.size() - 1);
          }
          if (samples.size() - 1 == sweeps) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                Locale.ROOT,
                "after the last sweep: %,d connections kept, heap after GC %.0f MB (max %.0f MB),"
                    + " %d open files%n",
                stats.keptConnections(),
                (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.maxMemory() / 1e6,
                openFiles());
          }
        });
    pinger.start();
    while (samples.size() <= sweeps) {
      Thread.sleep(100);
    }
    pinger.close();
    System.out.println("load average after: " + loadAverage());
    while (samples.size() > sweeps + 1) {
      samples.remove(samples.size() - 1); // cut short by the stop
    }
    return samples;
  }

  private static void print(String phase, List<Sample> samples) {
    System.out.println();
    System.out.println("### " + phase);
    System.out.println();
    System.out.println(
        "| sweep | started at | agents | answered | missed | changes | kept | pinging | sweep total"
            + " | pinger CPU since previous sweep | of which I/O / writer / sweep threads"
            + " | agents' CPU |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    long origin = samples.get(0).endedNanos();
    for (int i = 1; i < samples.size(); i++) {
      Sample s = samples.get(i);
      Sample before = samples.get(i - 1);
      SweepStats stats = s.stats();
      double wall = (s.endedNanos() - before.endedNanos()) / 1e9;
      double cpu = (s.pingerCpu() - before.pingerCpu()) / 1e9;
      double agentsCpu = (s.agentsCpu() - before.agentsCpu()) / 1e9;
      long startedAt =
          s.endedNanos() - stats.total().toNanos() - origin; // the sweep's start on this clock
      System.out.printf(
          Locale.ROOT,
          "| %d | %.1f s | %,d | %,d | %,d | %,d | %,d | %.2f s | %.2f s | %.1f s in %.1f s (%.0f %%"
              + " of a core) | %.1f / %.1f / %.1f s | %.1f s |%n",
          i,
          startedAt / 1e9,
          stats.agents(),
          stats.answered(),
          stats.missed(),
          stats.changes(),
          stats.keptConnections(),
          stats.pinging().toNanos() / 1e9,
          stats.total().toNanos() / 1e9,
          cpu,
          wall,
          100 * cpu / wall,
          (s.ioCpu() - before.ioCpu()) / 1e9,
          (s.writerCpu() - before.writerCpu()) / 1e9,
          (s.sweepCpu() - before.sweepCpu()) / 1e9,
          agentsCpu);
    }
    for (int i = 1; i < samples.size(); i++) {
      SweepStats stats = samples.get(i).stats();
      System.out.printf(
          Locale.ROOT,
          "sweep %d: %,.0f pings/s while pinging%n",
          i,
          (stats.answered() + stats.missed()) / (stats.pinging().toNanos() / 1e9));
    }
  }

  private static void register(Database database, List<Agent> agents) {
    JdbcClient jdbc = JdbcClient.create(database.primary());
    jdbc.sql("INSERT INTO customer (name) VALUES ('bench')").update();
    long customer = jdbc.sql("SELECT id FROM customer").query(Long.class).single();
    jdbc.sql("INSERT INTO cloud (name, provider_name) VALUES ('local', 'local')").update();
    long cloud = jdbc.sql("SELECT id FROM cloud").query(Long.class).single();
    jdbc.sql(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status)"
                + " VALUES (?, ?, 'a', 'active')")
        .params(customer, cloud)
        .update();
    long account = jdbc.sql("SELECT id FROM cloud_account").query(Long.class).single();
    jdbc.sql(
            "INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)"
                + " VALUES (?, ?, 'sim-1', 'Simulated')")
        .params(customer, account)
        .update();
    long region = jdbc.sql("SELECT id FROM region").query(Long.class).single();
    JdbcTemplate batch = new JdbcTemplate(database.primary());
    List<Object[]> servers = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      servers.add(new Object[] {customer, account, region, "bench-" + i});
    }
    batch.batchUpdate(
        "INSERT INTO server (customer_id, cloud_account_id, region_id, name, state)"
            + " VALUES (?, ?, ?, ?, 'running')",
        servers);
    Map<String, Long> ids = new HashMap<>();
    jdbc.sql("SELECT id, name FROM server")
        .query(
            rs -> {
              ids.put(rs.getString(2), rs.getLong(1));
            });
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      Agent a = agents.get(i);
      rows.add(
          new Object[] {customer, ids.get("bench-" + i), a.address(), a.port(), a.fingerprint()});
    }
    batch.batchUpdate(
        """
        INSERT INTO guest_agent (customer_id, server_id, address, port, cert_fingerprint, state,
                                 handshake_at, state_changed_at)
        VALUES (?, ?, ?, ?, ?, 'reachable', NOW(3), NOW(3))
        """,
        rows);
  }

  private static void expect(BufferedReader replies, String word) {
    try {
      String line;
      while ((line = replies.readLine()) != null) {
        if (line.equals(word)) {
          return;
        }
      }
      throw new IllegalStateException("an agent process ended before saying " + word);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long childrenCpu(List<Process> children) {
    long total = 0;
    for (Process child : children) {
      total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
    return total;
  }

  /** The machine's load averages (1, 5, 15 minutes): other work on the same two cores. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "(unknown)";
    }
  }

  private static long openFiles() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }
}
