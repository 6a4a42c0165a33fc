package io.stratus.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded MariaDB and AMQP broker as one long-lived process for the single-machine mode:
 *
 * <pre>
 * EmbeddedServicesMain --data-dir DIR [--db-port N] [--amqp-port N]
 *     [--db-root-password-file FILE]
 *     [--amqp-user NAME --amqp-vhost NAME --amqp-password-file FILE]
 * </pre>
 *
 * With a root password file the database checks accounts ({@code root} from 127.0.0.1 with that
 * password; see {@link EmbeddedMariaDb#start(int, Path, Path, String)}); with the AMQP options the
 * broker lets in only that user, to that virtual host. Passwords come from owner-only files, never
 * from the command line. The data directory is made owner-only. Prints {@code embedded services
 * ready} once both accept connections; SIGTERM stops both cleanly.
 */
public final class EmbeddedServicesMain {
  private EmbeddedServicesMain() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    Path dataDir = null;
    int dbPort = 3316;
    int amqpPort = 5682;
    Path rootPasswordFile = null;
    String amqpUser = null;
    String amqpVhost = null;
    Path amqpPasswordFile = null;
    if (args.length % 2 != 0) {
      usage();
    }
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(args[i + 1]);
        case "--db-port" -> dbPort = Integer.parseInt(args[i + 1]);
        case "--amqp-port" -> amqpPort = Integer.parseInt(args[i + 1]);
        case "--db-root-password-file" -> rootPasswordFile = Path.of(args[i + 1]);
        case "--amqp-user" -> amqpUser = args[i + 1];
        case "--amqp-vhost" -> amqpVhost = args[i + 1];
        case "--amqp-password-file" -> amqpPasswordFile = Path.of(args[i + 1]);
        default -> usage();
      }
    }
    boolean anyAmqp = amqpUser != null || amqpVhost != null || amqpPasswordFile != null;
    boolean allAmqp = amqpUser != null && amqpVhost != null && amqpPasswordFile != null;
    if (dataDir == null || anyAmqp != allAmqp) {
      usage();
    }
    OwnerOnlyFiles.directory(dataDir);
    EmbeddedMariaDb db =
        EmbeddedMariaDb.start(
            dbPort,
            dataDir.resolve("mariadb-base"),
            dataDir.resolve("mariadb-data"),
            rootPasswordFile == null ? null : OwnerOnlyFiles.readSecret(rootPasswordFile));
    AmqpAccount account =
        allAmqp
            ? new AmqpAccount(amqpUser, OwnerOnlyFiles.readSecret(amqpPasswordFile), amqpVhost)
            : AmqpAccount.GUEST;
    EmbeddedAmqpBroker broker =
        EmbeddedAmqpBroker.start(amqpPort, dataDir.resolve("qpid"), account);
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
            + ", amqp 127.0.0.1:"
            + amqpPort
            + " (user "
            + account.user()
            + ", virtual host "
            + account.virtualHost()
            + ")");
    stopped.await();
  }

  private static void usage() {
    System.err.println(
        "usage: EmbeddedServicesMain --data-dir DIR [--db-port N] [--amqp-port N]"
            + " [--db-root-password-file FILE]"
            + " [--amqp-user NAME --amqp-vhost NAME --amqp-password-file FILE]");
    System.exit(2);
  }
}
