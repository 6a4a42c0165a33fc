package io.stratus.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded MariaDB and AMQP broker as one long-lived process for the single-machine mode:
 * {@code EmbeddedServicesMain --data-dir DIR --db-port N --amqp-port N}. Prints {@code embedded
 * services ready} once both accept connections; SIGTERM stops both cleanly.
 */
public final class EmbeddedServicesMain {
  private EmbeddedServicesMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path dataDir = null;
    int dbPort = 3316;
    int amqpPort = 5682;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(args[i + 1]);
        case "--db-port" -> dbPort = Integer.parseInt(args[i + 1]);
        case "--amqp-port" -> amqpPort = Integer.parseInt(args[i + 1]);
        default -> usage();
      }
    }
    if (dataDir == null) {
      usage();
    }
    EmbeddedMariaDb db =
        EmbeddedMariaDb.start(
            dbPort, dataDir.resolve("mariadb-base"), dataDir.resolve("mariadb-data"));
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(amqpPort, dataDir.resolve("qpid"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.stop();
                  db.stop();
                  stopped.countDown();
                },
                "embedded-services-stop"));
    System.out.println(
        "embedded services ready: mariadb 127.0.0.1:"
            + dbPort
            + ", amqp "
            + broker.uri().replace("guest:guest@", ""));
    stopped.await();
  }

  private static void usage() {
    System.err.println("usage: EmbeddedServicesMain --data-dir DIR [--db-port N] [--amqp-port N]");
    System.exit(2);
  }
}
