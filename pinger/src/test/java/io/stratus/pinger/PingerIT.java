package io.stratus.pinger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.pinger.probe.ProbeTarget;
import io.stratus.pinger.probe.StatusProbe;
import io.stratus.pinger.sim.SimulatedAgent;
import io.stratus.pinger.sim.SimulatedAgents;
import io.stratus.pinger.sim.TestPki;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pinger as it runs: real MariaDB and RabbitMQ (testkit), real mutual TLS to simulated agents
 * on loopback, a 200 ms interval. Each test starts its own pinger and agents and removes its rows.
 */
class PingerIT {
  private static final int MISSES = 3;

  private static TestDatabase db;
  private static TestBroker broker;
  private static Database database;
  private static JdbcClient jdbc;
  private static String prefix;
  private static AmqpConnection connection;
  private static String eventQueue;
  private static TestPki pki;
  private static SimulatedAgents agents;
  private static long customer;
  private static long account;
  private static long region;

  /** One event as a consumer of the events exchange sees it. */
  private record Event(String routingKey, JsonNode detail) {}

  /** An agent's row after one sweep. */
  private record Snapshot(String state, int misses) {}

  @BeforeAll
  static void open() throws Exception {
    db = TestServices.newDatabase("pinger");
    broker = TestServices.broker();
    database = StratusSchema.open(db);
    jdbc = JdbcClient.create(database.primary());
    prefix = broker.uniqueName("pinger");
    connection = AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "pinger-it");
    try (Channel channel = connection.openChannel()) {
      eventQueue = prefix + ".agent-events";
      channel.queueDeclare(eventQueue, false, false, false, null);
      channel.queueBind(eventQueue, connection.topology().eventsExchange(), "agent.#");
    }
    pki = TestPki.create("pinger-it");
    agents = new SimulatedAgents(pki, 2, 210);
    warmUpTls();

    jdbc.sql("INSERT INTO customer (name) VALUES ('acme')").update();
    customer = jdbc.sql("SELECT id FROM customer").query(Long.class).single();
    jdbc.sql("INSERT INTO cloud (name, provider_name) VALUES ('local', 'local')").update();
    long cloud = jdbc.sql("SELECT id FROM cloud").query(Long.class).single();
    jdbc.sql(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status)"
                + " VALUES (?, ?, 'a', 'active')")
        .params(customer, cloud)
        .update();
    account = jdbc.sql("SELECT id FROM cloud_account").query(Long.class).single();
    jdbc.sql(
            "INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)"
                + " VALUES (?, ?, 'r1', 'Region 1')")
        .params(customer, account)
        .update();
    region = jdbc.sql("SELECT id FROM region").query(Long.class).single();
  }

  /**
   * Full TLS handshakes in a cold JVM take far longer than the 150 ms request timeout used here; a
   * few beforehand keep the first sweeps from missing for that reason alone.
   */
  private static void warmUpTls() throws Exception {
    SimulatedAgent agent = agents.add();
    agent.closeEachConnection(true);
    TlsMaterial tls = TlsMaterial.load(pki.pingerKeyStore(), pki.trustStore());
    try (StatusProbe probe =
        new StatusProbe(tls.sslContext(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 0)) {
      for (int i = 0; i < 40; i++) {
        if (i % 2 == 0) {
          TestPki.forgetSessions(tls.sslContext());
        }
        probe
            .probe(new ProbeTarget(agent.address(), agent.port(), agent.identity().fingerprint()))
            .get(10, TimeUnit.SECONDS);
      }
    }
    agent.stopAnswering();
  }

  @AfterAll
  static void close() throws Exception {
    agents.close();
    try (Channel channel = connection.openChannel()) {
      channel.queueDelete(eventQueue);
    }
    BrokerNames.deleteTopology(connection);
    connection.close();
    database.close();
    db.close();
  }

  @AfterEach
  void removeAgents() throws Exception {
    jdbc.sql("DELETE FROM guest_agent").update();
    try (Channel channel = connection.openChannel()) {
      channel.queuePurge(eventQueue);
    }
  }

  private static Map<String, String> config() {
    Map<String, String> values = TestServices.keys(db, broker, prefix);
    values.put("tls.keystore", pki.pingerKeyStore().toString());
    values.put("tls.truststore", pki.trustStore().toString());
    values.put("pinger.interval", "200ms");
    values.put("pinger.spread", "0ms");
    values.put("pinger.connect-timeout", "40ms");
    values.put("pinger.request-timeout", "150ms");
    values.put("pinger.misses-before-unreachable", String.valueOf(MISSES));
    return values;
  }

  private static Pinger pinger(Map<String, String> values) {
    return new Pinger(Config.of("pinger", values, Map.of()));
  }

  private static long server(String name) {
    jdbc.sql(
            "INSERT INTO server (customer_id, cloud_account_id, region_id, name, state)"
                + " VALUES (?, ?, ?, ?, 'running')")
        .params(customer, account, region, name)
        .update();
    return jdbc.sql("SELECT id FROM server WHERE name = ?").param(name).query(Long.class).single();
  }

  /** The row the Dispatcher writes at an agent's handshake (state as given). */
  private static long register(SimulatedAgent agent, String state) {
    long serverId = server("vm-" + agent.address() + "-" + agent.port());
    jdbc.sql(
            """
            INSERT INTO guest_agent (customer_id, server_id, address, port, cert_fingerprint, state)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        .params(
            customer,
            serverId,
            agent.address(),
            agent.port(),
            agent.identity().fingerprint(),
            state)
        .update();
    return serverId;
  }

  private static Map<String, Object> row(long serverId) {
    return jdbc.sql(
            "SELECT state, consecutive_misses, last_seen_at, state_changed_at"
                + " FROM guest_agent WHERE server_id = ?")
        .param(serverId)
        .query()
        .singleRow();
  }

  /** When the agent last answered, or null. */
  private static Instant seenAt(long serverId) {
    return jdbc.sql("SELECT last_seen_at FROM guest_agent WHERE server_id = ?")
        .param(serverId)
        .query(
            (rs, n) -> {
              Timestamp seen = rs.getTimestamp(1);
              return seen == null ? null : seen.toInstant();
            })
        .optional()
        .orElse(null);
  }

  private static String state(long serverId) {
    return (String) row(serverId).get("state");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Every agent event that arrives within {@code window}. */
  private static List<Event> events(Duration window) throws Exception {
    List<Event> events = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    try (Channel channel = connection.openChannel()) {
      while (System.nanoTime() < deadline) {
        GetResponse message = channel.basicGet(eventQueue, true);
        if (message == null) {
          Thread.sleep(20);
          continue;
        }
        events.add(
            new Event(
                message.getEnvelope().getRoutingKey(),
                MessageCodec.decode(message.getBody()).payload()));
      }
    }
    return events;
  }

  /** Records each agent's row after every sweep of {@code pinger}. */
  private static Map<Long, List<Snapshot>> snapshots(Pinger pinger, List<SweepStats> sweeps) {
    Map<Long, List<Snapshot>> snapshots = new ConcurrentHashMap<>();
    pinger.listener(
        stats -> {
          sweeps.add(stats);
          jdbc.sql("SELECT server_id, state, consecutive_misses FROM guest_agent")
              .query(
                  rs -> {
                    snapshots
                        .computeIfAbsent(rs.getLong(1), id -> new CopyOnWriteArrayList<>())
                        .add(new Snapshot(rs.getString(2), rs.getInt(3)));
                  });
        });
    return snapshots;
  }

  private static void awaitSweeps(List<SweepStats> sweeps, int more) throws InterruptedException {
    int target = sweeps.size() + more;
    await(more + " more sweeps", () -> sweeps.size() >= target);
  }

  @Test
  void shouldMarkAnAnsweringAgentReachableAndRecordWhenItWasSeen() throws Exception {
    SimulatedAgent agent = agents.add();
    long serverId = register(agent, "pending");
    long unaddressed = server("vm-without-agent-address");
    jdbc.sql("INSERT INTO guest_agent (customer_id, server_id, state) VALUES (?, ?, 'pending')")
        .params(customer, unaddressed)
        .update();
    Instant before = Instant.now().minusSeconds(1);

    List<SweepStats> sweeps = new CopyOnWriteArrayList<>();
    try (Pinger pinger = pinger(config())) {
      snapshots(pinger, sweeps);
      pinger.start();
      await("the agent is reachable", () -> "reachable".equals(state(serverId)));
      awaitSweeps(sweeps, 2);

      Map<String, Object> row = row(serverId);
      assertEquals(0, ((Number) row.get("consecutive_misses")).intValue());
      Instant seen = seenAt(serverId);
      assertTrue(seen.isAfter(before) && seen.isBefore(Instant.now().plusSeconds(1)), "" + seen);
      assertNotNull(row.get("state_changed_at"));
      assertEquals(Set.of("pinger"), agent.callers(), "it presented its certificate");
      assertEquals(1, sweeps.get(sweeps.size() - 1).keptConnections(), "kept for the next sweep");
      assertEquals("pending", state(unaddressed), "no address, no ping");
      assertEquals(
          1,
          jdbc.sql(
                  "SELECT COUNT(*) FROM component_registration"
                      + " WHERE component = 'pinger' AND stopped_at IS NULL")
              .query(Integer.class)
              .single());
    }

    List<Event> events = events(Duration.ofMillis(500));
    assertEquals(1, events.size(), events.toString());
    Event event = events.get(0);
    assertEquals("agent." + customer + "." + serverId + ".reachable", event.routingKey());
    assertEquals(serverId, event.detail().get("serverId").asLong());
    assertEquals("reachable", event.detail().get("state").asText());
    assertEquals(0, event.detail().get("misses").asInt());
    assertNotNull(Instant.parse(event.detail().get("lastSeenAt").asText()));
  }

  @Test
  void shouldMarkAnAgentUnreachableAfterExactlyTheConfiguredMissesAndReachableWhenItAnswersAgain()
      throws Exception {
    SimulatedAgent agent = agents.add();
    long serverId = register(agent, "reachable");
    List<SweepStats> sweeps = new CopyOnWriteArrayList<>();

    try (Pinger pinger = pinger(config())) {
      Map<Long, List<Snapshot>> snapshots = snapshots(pinger, sweeps);
      pinger.start();
      await("the agent was seen", () -> seenAt(serverId) != null);

      agent.stopAnswering();
      Instant lastSeen = seenAt(serverId);
      await("the agent is unreachable", () -> "unreachable".equals(state(serverId)));
      awaitSweeps(sweeps, 3);

      List<Snapshot> history = snapshots.get(serverId);
      int first = history.indexOf(new Snapshot("unreachable", MISSES));
      assertTrue(first > 0, "unreachable at exactly " + MISSES + " misses: " + history);
      assertEquals(new Snapshot("reachable", MISSES - 1), history.get(first - 1), "" + history);
      List<Event> lost = events(Duration.ofMillis(300));
      assertEquals(1, lost.size(), "one event however many more misses: " + lost);
      assertEquals("agent." + customer + "." + serverId + ".unreachable", lost.get(0).routingKey());
      JsonNode detail = lost.get(0).detail();
      assertEquals("unreachable", detail.get("state").asText());
      assertEquals(MISSES, detail.get("misses").asInt());
      Instant reported = Instant.parse(detail.get("lastSeenAt").asText());
      assertTrue(
          !reported.isBefore(lastSeen) && !reported.isAfter(lastSeen.plusSeconds(1)),
          reported + " vs " + lastSeen);

      agent.answer();
      await("the agent is reachable again", () -> "reachable".equals(state(serverId)));
      awaitSweeps(sweeps, 3);
      assertEquals(0, ((Number) row(serverId).get("consecutive_misses")).intValue());
      List<Event> back = events(Duration.ofMillis(300));
      assertEquals(1, back.size(), back.toString());
      assertEquals("agent." + customer + "." + serverId + ".reachable", back.get(0).routingKey());
    }
  }

  @Test
  void shouldCountAnAgentPresentingAnotherCertificateAsAMissNeverAsSeen() throws Exception {
    SimulatedAgent agent = agents.add();
    long serverId = register(agent, "reachable");
    agent.presentCertificate(pki.issueAgent(agent.address()));
    List<SweepStats> sweeps = new CopyOnWriteArrayList<>();

    try (Pinger pinger = pinger(config())) {
      snapshots(pinger, sweeps);
      pinger.start();
      await("the agent is unreachable", () -> "unreachable".equals(state(serverId)));
    }

    assertNull(seenAt(serverId));
    assertTrue(sweeps.stream().mapToInt(SweepStats::wrongCertificates).sum() >= MISSES);
    assertEquals(0, agent.answers(), "no request was sent to it");
    List<Event> events = events(Duration.ofMillis(300));
    assertEquals(1, events.size(), events.toString());
    assertTrue(events.get(0).routingKey().endsWith("." + serverId + ".unreachable"));
  }

  @Test
  void shouldPublishEachChangeOnceWhenTwoPingersPingTheSameAgents() throws Exception {
    List<SimulatedAgent> some = agents.add(5);
    List<Long> servers = new ArrayList<>();
    for (SimulatedAgent agent : some) {
      servers.add(register(agent, "pending"));
    }

    // Timeouts generous enough that the two agree even on a loaded machine: where they disagree
    // (one reaches an agent, the other does not), the state flaps, each flap a real change.
    Map<String, String> values = config();
    values.put("pinger.interval", "1s");
    values.put("pinger.connect-timeout", "300ms");
    values.put("pinger.request-timeout", "600ms");
    try (Pinger one = pinger(values);
        Pinger two = pinger(values)) {
      one.start();
      two.start();
      await(
          "every agent is reachable",
          () -> servers.stream().allMatch(id -> "reachable".equals(state(id))));
      some.forEach(SimulatedAgent::stopAnswering);
      await(
          "every agent is unreachable",
          () -> servers.stream().allMatch(id -> "unreachable".equals(state(id))));
      Thread.sleep(2_000); // more sweeps, more misses: no more events
    }

    List<Event> events = events(Duration.ofMillis(500));
    for (long id : servers) {
      long reachable =
          events.stream().filter(e -> e.routingKey().endsWith("." + id + ".reachable")).count();
      long unreachable =
          events.stream().filter(e -> e.routingKey().endsWith("." + id + ".unreachable")).count();
      assertEquals(1, reachable, "server " + id + ": " + events);
      assertEquals(1, unreachable, "server " + id + ": " + events);
    }
    some.forEach(SimulatedAgent::answer);
  }

  @Test
  void shouldPingOnlyTheAgentsOfItsPartition() throws Exception {
    List<SimulatedAgent> pair = agents.add(2);
    long first = register(pair.get(0), "pending");
    long second = register(pair.get(1), "pending");
    long even = first % 2 == 0 ? first : second;
    long odd = first % 2 == 0 ? second : first;
    Map<String, String> values = config();
    values.put("pinger.partitions", "2");
    values.put("pinger.partition", "0");
    List<SweepStats> sweeps = new CopyOnWriteArrayList<>();

    try (Pinger pinger = pinger(values)) {
      snapshots(pinger, sweeps);
      pinger.start();
      await("the even server's agent is reachable", () -> "reachable".equals(state(even)));
      awaitSweeps(sweeps, 3);
    }

    assertEquals("pending", state(odd));
    assertTrue(sweeps.stream().allMatch(s -> s.agents() == 1), sweeps.toString());
  }

  @Test
  void shouldStopPromptlyWhilePingsHangAndRecordItStopped() throws Exception {
    List<SimulatedAgent> hanging = agents.add(20);
    for (SimulatedAgent agent : hanging) {
      register(agent, "reachable");
      agent.hang();
    }
    Map<String, String> values = config();
    values.put("pinger.interval", "2s");
    values.put("pinger.spread", "1s");
    values.put("pinger.request-timeout", "500ms");
    Pinger pinger = pinger(values);
    pinger.start();
    Thread.sleep(300); // some pings in flight, some not yet started

    long started = System.nanoTime();
    pinger.close();
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(took < 2_000, "stopped in " + took + " ms");
    assertEquals(
        0,
        jdbc.sql(
                "SELECT COUNT(*) FROM component_registration"
                    + " WHERE component = 'pinger' AND stopped_at IS NULL")
            .query(Integer.class)
            .single());
    hanging.forEach(SimulatedAgent::answer);
  }

  @Test
  void shouldRefuseAMisspeltKeyNamingIt() {
    Map<String, String> values = config();
    values.put("pinger.intervall", "30s");

    ConfigException e = assertThrows(ConfigException.class, () -> pinger(values));

    assertTrue(e.getMessage().contains("did you mean pinger.interval?"), e.getMessage());
  }

  @Test
  void shouldRefuseAKeyStoreThatIsNotThePingers() {
    Map<String, String> values = config();
    values.put("tls.keystore", pki.issue("worker").toString());

    ConfigException e = assertThrows(ConfigException.class, () -> pinger(values));

    assertTrue(e.getMessage().contains("tls.keystore"), e.getMessage());
    assertTrue(e.getMessage().contains("'worker'"), e.getMessage());
  }
}
