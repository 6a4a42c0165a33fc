package io.stratus.pinger.sim;

import io.stratus.common.pki.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway installation PKI in a temporary directory: the CA, its trust store and the pinger's
 * key store ({@code pinger.p12}, component {@code pinger}), as {@code stratus-admin pki} makes
 * them.
 */
public final class TestPki {
  private final Path dir;
  private final CertificateAuthority ca;
  private final Path pingerKeyStore;

  private TestPki(Path dir, CertificateAuthority ca, Path pingerKeyStore) {
    this.dir = dir;
    this.ca = ca;
    this.pingerKeyStore = pingerKeyStore;
  }

  public static TestPki create(String name) {
    try {
      Path dir = Files.createTempDirectory("pinger-pki-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "pinger-pki-cleanup"));
      CertificateAuthority ca = CertificateAuthority.init(dir, name);
      Path pinger = dir.resolve("pinger.p12");
      ca.issue("pinger", "localhost", pinger);
      return new TestPki(dir, ca, pinger);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the system cleans it up eventually
    }
  }

  /** Opens the CA another process made in {@code dir}. */
  public static TestPki open(Path dir) {
    return new TestPki(dir, CertificateAuthority.load(dir), dir.resolve("pinger.p12"));
  }

  public Path dir() {
    return dir;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  /** For {@code tls.keystore}. */
  public Path pingerKeyStore() {
    return pingerKeyStore;
  }

  /** For {@code tls.truststore}. */
  public Path trustStore() {
    return ca.trustStore();
  }

  /** Another component's key store, e.g. to show the pinger refuses it. */
  public Path issue(String component) {
    Path out = dir.resolve(component + ".p12");
    ca.issue(component, "localhost", out);
    return out;
  }

  public AgentIdentity issueAgent(String host) {
    return AgentIdentity.issue(ca, host);
  }

  /** Drops every client session of {@code context}: the next handshakes are full ones. */
  public static void forgetSessions(SSLContext context) {
    SSLSessionContext sessions = context.getClientSessionContext();
    for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
      SSLSession session = sessions.getSession(ids.nextElement());
      if (session != null) {
        session.invalidate();
      }
    }
  }

  /** Trusts certificates from this CA only. */
  public TrustManager[] trustManagers() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the test trust managers", e);
    }
  }
}
