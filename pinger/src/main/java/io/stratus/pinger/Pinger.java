package io.stratus.pinger;

import io.stratus.common.config.Config;
import io.stratus.common.daemon.BuildVersion;
import io.stratus.common.daemon.Component;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.db.SchemaMigrator;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.common.pki.TlsSettings;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.pinger.probe.StatusProbe;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pinger: every {@code pinger.interval} it pings every registered guest agent ({@code GET
 * /status} over mutual TLS, presenting the pinger's certificate and pinning the agent's), records
 * when each was last seen and its consecutive misses, marks an agent unreachable after {@code
 * pinger.misses-before-unreachable} misses and reachable again when it answers, and publishes
 * {@code agent.<customer>.<server>.<state>} on each change.
 *
 * <p>Several pingers may run. Without partitions each pings every agent: harmless (a state change
 * is written, and its event published, by one of them only), but every pinger's misses count, so an
 * agent is marked unreachable after fewer intervals. With {@code pinger.partitions} each pings its
 * share.
 *
 * <p>Stopping stops starting pings, waits for those in flight (at most their timeouts), writes
 * their outcomes and closes.
 */
public final class Pinger implements Component {
  public static final String COMPONENT = "pinger";

  private static final Logger log = LoggerFactory.getLogger(Pinger.class);

  private final PingerSettings settings;
  private final DatabaseSettings databaseSettings;
  private final AmqpSettings amqpSettings;
  private final TlsMaterial tls;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private SweepListener listener = SweepListener.NONE;
  private Database database;
  private AmqpConnection connection;
  private ConfirmingPublisher publisher;
  private Registration registration;
  private StatusProbe probe;
  private OutcomeWriter writer;
  private Thread sweeps;

  /**
   * Reads and checks {@code pinger.*}, {@code db.*}, {@code amqp.*} and {@code tls.*}; the key
   * store must hold the {@code pinger} component's certificate.
   */
  public Pinger(Config config) {
    this.settings = PingerSettings.from(config);
    this.databaseSettings = DatabaseSettings.from(config, "db");
    this.amqpSettings = AmqpSettings.from(config, "amqp");
    TlsSettings tlsSettings = TlsSettings.from(config, "tls");
    config.rejectUnknownKeysExcept("registry.");
    this.tls = tlsSettings.load();
    String component = tls.identity().component();
    if (!COMPONENT.equals(component)) {
      throw config.error(
          "tls.keystore",
          "holds the certificate of component '"
              + component
              + "', not "
              + COMPONENT
              + " (stratus-admin pki issue pinger --host <name>)");
    }
  }

  /** Tells {@code listener} of every sweep; call before {@link #start()}. */
  public Pinger listener(SweepListener listener) {
    this.listener = listener;
    return this;
  }

  @Override
  public void start() {
    database = Database.open(databaseSettings, COMPONENT);
    SchemaMigrator.stratus(database.primary()).requireCurrent();
    connection = AmqpConnection.open(amqpSettings, COMPONENT + "@" + ComponentRegistry.hostName());
    publisher = new ConfirmingPublisher(connection);
    registration =
        new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
            .register(COMPONENT, BuildVersion.of(Pinger.class), Duration.ofSeconds(10));
    probe =
        new StatusProbe(
            tls.sslContext(),
            settings.connectTimeout(),
            settings.requestTimeout(),
            settings.ioThreads(),
            settings.keptConnections());
    writer =
        new OutcomeWriter(
            new AgentStore(database.primary()),
            new AgentEvents(new EventPublisher(publisher, connection.topology())),
            settings.batchSize(),
            settings.missesBeforeUnreachable());
    Sweeper sweeper =
        new Sweeper(new AgentStore(database.primary()), probe, writer, settings, stopping);
    sweeps = new Thread(() -> sweepEveryInterval(sweeper), "pinger-sweep");
    sweeps.start();
    log.info(
        "Pinging agents every {} ms (spread over {} ms, {} at once, {} connections kept,"
            + " partition {} of {})",
        settings.interval().toMillis(),
        settings.spread().toMillis(),
        settings.concurrency(),
        settings.keptConnections(),
        settings.partition(),
        settings.partitions());
  }

  private void sweepEveryInterval(Sweeper sweeper) {
    long interval = settings.interval().toNanos();
    long next = System.nanoTime();
    try {
      while (true) {
        long wait = next - System.nanoTime();
        if (wait > 0 ? stopping.await(wait, TimeUnit.NANOSECONDS) : stopping.getCount() == 0) {
          return;
        }
        long started = System.nanoTime();
        try {
          SweepStats stats = sweeper.sweep();
          report(stats);
          listener.sweepFinished(stats);
        } catch (RuntimeException e) {
          log.warn("Sweep failed (the next one tries again): {}", e.getMessage());
        }
        next = started + interval;
        long late = System.nanoTime() - next;
        if (late > 0 && stopping.getCount() > 0) {
          log.warn(
              "The sweep took {} ms, longer than pinger.interval ({} ms); the next starts now",
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
              settings.interval().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void report(SweepStats stats) {
    String line =
        "Sweep: {} agents, {} answered, {} missed ({} wrong certificate), {} changes, {} ms,"
            + " {} connections kept";
    Object[] values = {
      stats.agents(),
      stats.answered(),
      stats.missed(),
      stats.wrongCertificates(),
      stats.changes(),
      stats.total().toMillis(),
      stats.keptConnections()
    };
    if (stats.changes() > 0) {
      log.info(line, values);
    } else {
      log.debug(line, values);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping.countDown();
    if (sweeps != null) {
      sweeps.join(settings.longestPing().toMillis() + 10_000);
    }
    if (writer != null) {
      writer.close();
    }
    if (probe != null) {
      probe.close();
    }
    if (registration != null) {
      registration.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
