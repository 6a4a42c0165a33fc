package io.stratus.dispatcher.support;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.common.config.Config;
import io.stratus.dispatcher.DispatcherServer;
import io.stratus.dispatcher.DispatcherSettings;
import io.stratus.km.support.KmFixture;
import io.stratus.pinger.Pinger;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.publisher.WorkerPublisher;
import io.stratus.worker.subscriber.SubscriberDaemon;
import io.stratus.worker.subscriber.WorkerSubscriber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole platform for the Dispatcher's tests, real in every part: the Key Manager over mutual TLS
 * with its own schema, the main schema on the test MySQL, the test broker, the local cloud as its
 * own process, the Dispatcher in an embedded Tomcat, and a worker publisher and subscriber.
 */
public final class Platform implements AutoCloseable {
  /**
   * The guest agent's launcher in this checkout (built by the reactor before this module's tests),
   * which the local cloud's {@code img-agent} runs in each VM.
   */
  public static final Path AGENT =
      Path.of("..", "guest-agent", "src", "main", "dist", "bin", "stratus-agent")
          .toAbsolutePath()
          .normalize();

  private final KmFixture km;
  private final LocalCloudProcess cloud;
  private final DispatcherServer dispatcher;
  private final TestBroker broker;
  private final String prefix;
  private final WorkerPublisher publisher;
  private WorkerSubscriber subscriber;
  private final Map<String, String> workerKeys;
  private final Map<String, String> dispatcherKeys;

  private Platform(
      KmFixture km,
      LocalCloudProcess cloud,
      DispatcherServer dispatcher,
      TestBroker broker,
      String prefix,
      WorkerPublisher publisher,
      Map<String, String> workerKeys,
      Map<String, String> dispatcherKeys) {
    this.km = km;
    this.dispatcherKeys = dispatcherKeys;
    this.cloud = cloud;
    this.dispatcher = dispatcher;
    this.broker = broker;
    this.prefix = prefix;
    this.publisher = publisher;
    this.workerKeys = workerKeys;
  }

  /**
   * @param cloudConfig the local cloud's configuration (regions and their modes)
   * @param workerOverrides extra {@code worker.properties} keys, e.g. a short task lease
   */
  public static Platform start(
      String purpose, String cloudConfig, Map<String, String> workerOverrides) throws IOException {
    return start(purpose, cloudConfig, workerOverrides, Map.of(), null);
  }

  /**
   * @param dispatcherOverrides extra {@code dispatcher.properties} keys
   */
  public static Platform start(
      String purpose,
      String cloudConfig,
      Map<String, String> workerOverrides,
      Map<String, String> dispatcherOverrides)
      throws IOException {
    return start(purpose, cloudConfig, workerOverrides, dispatcherOverrides, null);
  }

  /**
   * As {@link #start(String, String, Map)}; {@code logDir} (may be null) receives the KM's and the
   * Dispatcher's log files, as their {@code log.dir} setting would in an installation.
   */
  public static Platform start(
      String purpose, String cloudConfig, Map<String, String> workerOverrides, Path logDir)
      throws IOException {
    return start(purpose, cloudConfig, workerOverrides, Map.of(), logDir);
  }

  private static Platform start(
      String purpose,
      String cloudConfig,
      Map<String, String> workerOverrides,
      Map<String, String> dispatcherOverrides,
      Path logDir)
      throws IOException {
    KmFixture km = KmFixture.start(purpose, logDir);
    LocalCloudProcess cloud = null;
    DispatcherServer dispatcher = null;
    WorkerPublisher publisher = null;
    try {
      cloud =
          LocalCloudProcess.start(
              Files.createTempDirectory(purpose + "-cloud-"),
              cloudConfig + "\nagent.command=" + AGENT + "\n");
      TestBroker broker = TestServices.broker();
      String prefix = broker.uniqueName(purpose);
      TestDatabase main = km.mainDatabase();
      Path pki = km.pki();

      Map<String, String> common = TestServices.keys(main, broker, prefix);
      common.put("km.url", km.url().toString());
      common.put("keys.kek.file", km.kekFile().toString());
      common.put("tls.truststore", pki.resolve("truststore.p12").toString());

      Map<String, String> dispatcherKeys = new HashMap<>(common);
      // A known port, so the launch's agent bootstrap can name it.
      int port = freePort();
      dispatcherKeys.put("server.port", String.valueOf(port));
      dispatcherKeys.put("agent.ca.dir", pki.toString());
      dispatcherKeys.put("agent.url", "https://127.0.0.1:" + port);
      dispatcherKeys.put("server.address", "127.0.0.1");
      dispatcherKeys.put("tls.keystore", pki.resolve("dispatcher.p12").toString());
      if (logDir != null) {
        dispatcherKeys.put("log.dir", logDir.toString());
      }
      dispatcherKeys.putAll(dispatcherOverrides);
      dispatcher =
          DispatcherServer.start(
              DispatcherSettings.from(Config.of("dispatcher", dispatcherKeys, Map.of())));

      Map<String, String> workerKeys = new HashMap<>(common);
      workerKeys.put("tls.keystore", pki.resolve("worker.p12").toString());
      workerKeys.put("publisher.sweep-interval", "200ms");
      workerKeys.put("publisher.republish-after", "5s");
      workerKeys.put("cache.interval.servers", "2s");
      workerKeys.put("cache.interval.agent-logs", "2s");
      workerKeys.put("subscriber.task-lease", "5s");
      workerKeys.put("subscriber.poll-interval", "100ms");
      workerKeys.put("subscriber.stop-timeout", "10s");
      workerKeys.putAll(workerOverrides);
      publisher = new WorkerPublisher(Config.of("worker", workerKeys, Map.of()));
      publisher.start();
      Platform platform =
          new Platform(
              km, cloud, dispatcher, broker, prefix, publisher, workerKeys, dispatcherKeys);
      platform.startSubscriber();
      return platform;
    } catch (IOException | RuntimeException e) {
      if (publisher != null) {
        closeQuietly(publisher);
      }
      if (dispatcher != null) {
        dispatcher.close();
      }
      if (cloud != null) {
        closeQuietly(cloud);
      }
      km.close();
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts a (new) worker subscriber, as a fresh process would: the daemon's own wiring. */
  public void startSubscriber() {
    startSubscriber(Map.of());
  }

  /**
   * As {@link #startSubscriber()}, with {@code overrides} on top of the platform's {@code
   * worker.properties} keys.
   */
  public void startSubscriber(Map<String, String> overrides) {
    Map<String, String> keys = new HashMap<>(workerKeys);
    keys.putAll(overrides);
    subscriber = SubscriberDaemon.create(Config.of("worker", keys, Map.of()));
    subscriber.start();
  }

  /** The main schema's JDBC URL as the workers use it. */
  public String databaseUrl() {
    return workerKeys.get("db.url");
  }

  /**
   * Drops the subscriber as a crash would, mid-task, when the platform was started with {@code
   * subscriber.stop-timeout=0s}: it stops at once without finishing or giving back what it holds,
   * and its connections close under the running tasks.
   */
  public void abandonSubscriber() {
    WorkerSubscriber dying = subscriber;
    subscriber = null;
    try {
      dying.close();
    } catch (RuntimeException e) {
      // a crash does not close cleanly either
    }
  }

  /** Stops the subscriber, letting its tasks in flight finish. */
  public void stopSubscriber() {
    if (subscriber != null) {
      subscriber.close();
      subscriber = null;
    }
  }

  /**
   * Starts a pinger against this platform's database and broker with its own certificate, pinging
   * every {@code interval} and calling an agent unreachable after {@code misses} misses.
   */
  public Pinger startPinger(String interval, int misses) {
    Map<String, String> keys = new HashMap<>();
    for (String key :
        new String[] {"db.url", "db.user", "db.password", "amqp.uri", "amqp.prefix"}) {
      keys.put(key, workerKeys.get(key));
    }
    keys.put("tls.keystore", km.pki().resolve("pinger.p12").toString());
    keys.put("tls.truststore", km.pki().resolve("truststore.p12").toString());
    keys.put("pinger.interval", interval);
    keys.put("pinger.connect-timeout", "200ms");
    keys.put("pinger.request-timeout", "200ms");
    keys.put("pinger.misses-before-unreachable", String.valueOf(misses));
    Pinger pinger = new Pinger(Config.of("pinger", keys, Map.of()));
    pinger.start();
    return pinger;
  }

  /** A Dispatcher client with {@code component}'s certificate. */
  public DispatcherClient client(String component, Long customerId, Long userId) {
    return new DispatcherClient(km.tls(component), dispatcher.port(), customerId, userId);
  }

  /**
   * Another Dispatcher over the same schema, broker and KM, on its own port, with {@code overrides}
   * on top of the first one's settings; the caller closes it. Two Dispatchers are how enStratus
   * ran, and what exactly-once work between them is tested with.
   */
  public DispatcherServer startDispatcher(Map<String, String> overrides) throws IOException {
    Map<String, String> keys = new HashMap<>(dispatcherKeys);
    int port = freePort();
    keys.put("server.port", String.valueOf(port));
    keys.put("agent.url", "https://127.0.0.1:" + port);
    keys.putAll(overrides);
    return DispatcherServer.start(DispatcherSettings.from(Config.of("dispatcher", keys, Map.of())));
  }

  public int dispatcherPort() {
    return dispatcher.port();
  }

  public KmFixture km() {
    return km;
  }

  public LocalCloudProcess cloud() {
    return cloud;
  }

  public TestBroker broker() {
    return broker;
  }

  public DataSource main() {
    return km.mainDataSource();
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(main());
  }

  /**
   * A customer (with its keyset) and one active user of it holding an Administrator role (every
   * right on every resource, as {@code stratus-admin customer create} gives the first user);
   * returns {customer, user}.
   */
  public long[] newCustomer(String name) {
    long customer = km.newCustomer(name);
    long user = newUser(customer, "admin@" + name + ".example", "*/*/ANY");
    return new long[] {customer, user};
  }

  /**
   * A new active user of {@code customer} with one role granting {@code rights}, each {@code
   * resource/action/qualifier} (none: a user without any role); returns its id.
   */
  public long newUser(long customer, String email, String... rights) {
    JdbcClient jdbc = jdbc();
    jdbc.sql("INSERT INTO user_account (customer_id, email, display_name) VALUES (?, ?, ?)")
        .params(customer, email, email)
        .update();
    long user =
        jdbc.sql("SELECT id FROM user_account WHERE customer_id = ? AND email = ?")
            .params(customer, email)
            .query(Long.class)
            .single();
    if (rights.length == 0) {
      return user;
    }
    jdbc.sql("INSERT INTO role (customer_id, name) VALUES (?, ?)")
        .params(customer, "role of " + email)
        .update();
    long role =
        jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ?")
            .params(customer, "role of " + email)
            .query(Long.class)
            .single();
    for (String right : rights) {
      String[] part = right.split("/");
      jdbc.sql(
              "INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(customer, role, part[0], part[1], part[2])
          .update();
    }
    jdbc.sql("INSERT INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)")
        .params(customer, user, role)
        .update();
    return user;
  }

  /** The local cloud as a cloud definition (added once, however often asked); returns its id. */
  public long defineLocalCloud() throws IOException {
    jdbc()
        .sql(
            "INSERT INTO cloud (name, provider_name, endpoint) SELECT 'local', 'local', ?"
                + " FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM cloud WHERE name = 'local')")
        .param(cloud.credentials().get("endpoint"))
        .update();
    return jdbc().sql("SELECT id FROM cloud WHERE name = 'local'").query(Long.class).single();
  }

  /**
   * Asks the Dispatcher, as {@code client}, to register an account named {@code local} on the local
   * cloud {@code cloudId} with the cloud's own credentials; the answer names the job that does it.
   */
  public DispatcherClient.Answer registerLocalAccount(DispatcherClient client, long cloudId)
      throws IOException {
    Map<String, String> credentials = cloud.credentials();
    return client.post(
        "/accounts",
        Map.of(
            "cloudId",
            cloudId,
            "name",
            "local",
            "fields",
            Map.of(
                "accessKey", credentials.get("accessKey"),
                "secretKey", credentials.get("secretKey"))));
  }

  @Override
  public void close() {
    stopSubscriber();
    closeQuietly(publisher);
    dispatcher.close();
    closeQuietly(cloud);
    km.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // the process is gone or going; the test's outcome does not depend on it
    }
  }
}
