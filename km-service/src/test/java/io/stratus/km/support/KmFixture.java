package io.stratus.km.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.stratus.common.config.Config;
import io.stratus.common.config.Secret;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.db.SchemaMigrator;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.keys.KeyEncryptionKeys;
import io.stratus.common.km.KmClient;
import io.stratus.common.km.KmClientSettings;
import io.stratus.common.pki.CertificateAuthority;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.km.KmServer;
import io.stratus.km.KmSettings;
import io.stratus.testkit.TcpProxy;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A running Key Manager for integration tests, as an installation would have it: an installation CA
 * with a certificate per component (and a stranger CA), the KM in an embedded Tomcat over mutual
 * TLS on a free port, its own schema on the test MySQL (reached through a {@link TcpProxy} so a
 * test can take the database away), a migrated main {@code stratus} schema, and the installation's
 * key-encryption key file.
 */
public final class KmFixture implements AutoCloseable {
  /** Components issued a certificate by the installation CA. */
  public static final List<String> COMPONENTS =
      List.of("dispatcher", "worker", "console", "api", "pinger", "agent");

  private final Path dir;
  private final TestDatabase kmDb;
  private final TestDatabase mainDb;
  private final TcpProxy kmDbProxy;
  private final KmServer server;
  private final Database main;
  private final Path logDir;
  private final List<KmClient> clients = new ArrayList<>();

  private KmFixture(
      Path dir,
      TestDatabase kmDb,
      TestDatabase mainDb,
      TcpProxy kmDbProxy,
      KmServer server,
      Database main,
      Path logDir) {
    this.dir = dir;
    this.kmDb = kmDb;
    this.mainDb = mainDb;
    this.kmDbProxy = kmDbProxy;
    this.server = server;
    this.main = main;
    this.logDir = logDir;
  }

  /** Starts everything; {@code logDir} (may be null) receives the KM's log file. */
  public static KmFixture start(String purpose, Path logDir) {
    return start(purpose, logDir, Map.of());
  }

  /** As {@link #start(String, Path)}, with extra {@code km.properties} keys. */
  public static KmFixture start(String purpose, Path logDir, Map<String, String> extraKeys) {
    return start(purpose, logDir, extraKeys, true);
  }

  /**
   * For benchmarks: the KM reaches its database directly, not through the {@link TcpProxy} (whose
   * copying threads would be measured too); {@link #kmDatabaseLink()} then does nothing.
   */
  public static KmFixture startDirect(String purpose, Map<String, String> extraKeys) {
    return start(purpose, null, extraKeys, false);
  }

  private static KmFixture start(
      String purpose, Path logDir, Map<String, String> extraKeys, boolean viaLink) {
    Path dir;
    try {
      dir = Files.createTempDirectory("stratus-km-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path pki = dir.resolve("pki");
    CertificateAuthority ca = CertificateAuthority.init(pki, "test");
    ca.issue("km", "127.0.0.1", pki.resolve("km.p12"));
    for (String component : COMPONENTS) {
      ca.issue(component, "127.0.0.1", pki.resolve(component + ".p12"));
    }
    CertificateAuthority stranger = CertificateAuthority.init(dir.resolve("stranger"), "stranger");
    stranger.issue("dispatcher", "127.0.0.1", dir.resolve("stranger").resolve("dispatcher.p12"));
    KeyEncryptionKeys.create(dir.resolve("kek.p12"));

    TestDatabase kmDb = TestServices.newDatabase(purpose + "km");
    TestDatabase mainDb = TestServices.newDatabase(purpose + "main");
    TcpProxy proxy = null;
    try {
      proxy = TcpProxy.inFrontOf(kmDb.jdbcUrl());
      String proxied = proxy.jdbcUrl(kmDb.jdbcUrl());
      Map<String, String> keys = new HashMap<>();
      keys.put("server.port", "0");
      keys.put("server.address", "127.0.0.1");
      keys.put("tls.keystore", pki.resolve("km.p12").toString());
      keys.put("tls.truststore", pki.resolve("truststore.p12").toString());
      keys.put("db.url", viaLink ? proxied : kmDb.jdbcUrl());
      keys.put("db.user", kmDb.user());
      keys.put("db.password", kmDb.password());
      keys.put("db.pool.size", "16");
      keys.put("db.connect-timeout", "1s");
      if (logDir != null) {
        keys.put("log.dir", logDir.toString());
      }
      keys.putAll(extraKeys);
      KmServer server = KmServer.start(KmSettings.from(Config.of("km", keys, Map.of())));

      Database main =
          Database.open(
              DatabaseSettings.of(mainDb.jdbcUrl(), mainDb.user(), Secret.of(mainDb.password())),
              "main");
      SchemaMigrator.stratus(main.primary()).migrate();
      return new KmFixture(dir, kmDb, mainDb, proxy, server, main, logDir);
    } catch (IOException | RuntimeException e) {
      if (proxy != null) {
        proxy.close();
      }
      kmDb.close();
      mainDb.close();
      throw new IllegalStateException("cannot start the KM fixture: " + e.getMessage(), e);
    }
  }

  public URI url() {
    return URI.create("https://127.0.0.1:" + server.port());
  }

  public int port() {
    return server.port();
  }

  /** The PKI directory: {@code <component>.p12}, {@code truststore.p12}, {@code ca.p12}. */
  public Path pki() {
    return dir.resolve("pki");
  }

  /** A certificate for {@code dispatcher} from a CA this installation does not trust. */
  public Path strangerKeyStore() {
    return dir.resolve("stranger").resolve("dispatcher.p12");
  }

  public Path kekFile() {
    return dir.resolve("kek.p12");
  }

  public TlsMaterial tls(String component) {
    return TlsMaterial.load(pki().resolve(component + ".p12"), pki().resolve("truststore.p12"));
  }

  /** A KM client with {@code component}'s certificate; closed with the fixture. */
  public KmClient client(String component) {
    KmClient client = KmClient.create(KmClientSettings.of(url()), tls(component));
    clients.add(client);
    return client;
  }

  /** Customer keys without a cache: every use reads the keyset row, as a test wants. */
  public CustomerKeys customerKeys() {
    return new CustomerKeys(main.primary(), KeyEncryptionKeys.load(kekFile()), Duration.ZERO);
  }

  /** A vault as the Dispatcher would have it, reading keysets afresh on every use. */
  public CredentialVault vault() {
    return vault(Duration.ZERO);
  }

  /** A vault whose unwrapped keysets are reused for {@code cacheTtl}, as in production. */
  public CredentialVault vault(Duration cacheTtl) {
    CustomerKeys keys =
        new CustomerKeys(main.primary(), KeyEncryptionKeys.load(kekFile()), cacheTtl);
    return new CredentialVault(keys, client("dispatcher"), main.primary());
  }

  /** Creates a customer in the main schema, with its keyset. */
  public long newCustomer(String name) {
    JdbcClient jdbc = JdbcClient.create(main.primary());
    jdbc.sql("INSERT INTO customer (name) VALUES (:name)").param("name", name).update();
    long id =
        jdbc.sql("SELECT id FROM customer WHERE name = :name")
            .param("name", name)
            .query(Long.class)
            .single();
    customerKeys().create(id);
    return id;
  }

  public DataSource kmDataSource() {
    return kmDb.dataSource();
  }

  public DataSource mainDataSource() {
    return main.primary();
  }

  public TestDatabase kmDatabase() {
    return kmDb;
  }

  public TestDatabase mainDatabase() {
    return mainDb;
  }

  /** The network path between the KM and its database. */
  public TcpProxy kmDatabaseLink() {
    return kmDbProxy;
  }

  public Path logDir() {
    return logDir;
  }

  @Override
  public void close() {
    clients.forEach(KmClient::close);
    server.close();
    main.close();
    kmDbProxy.close();
    kmDb.close();
    mainDb.close();
    if (logDir != null) {
      Logger root =
          ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
      var appender = root.getAppender("FILE-km");
      if (appender != null) {
        root.detachAppender(appender);
        appender.stop();
      }
    }
  }
}
