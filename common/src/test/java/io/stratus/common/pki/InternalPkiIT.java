package io.stratus.common.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The internal PKI end to end: files, chains, identities, and real mutual-TLS handshakes. */
class InternalPkiIT {
  @TempDir Path dir;

  @Test
  void shouldCreateTheCaOnceWithOwnerOnlyFiles() throws IOException {
    CertificateAuthority ca = CertificateAuthority.init(dir, "test");
    assertTrue(ca.certificate().getBasicConstraints() >= 0, "not a CA certificate");
    for (String file : new String[] {"ca.p12", "ca.p12.password", "truststore.p12.password"}) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))),
          file);
    }
    assertTrue(Files.readString(dir.resolve("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
    PkiException again =
        assertThrows(PkiException.class, () -> CertificateAuthority.init(dir, "test"));
    assertTrue(again.getMessage().contains("never overwritten"));
  }

  @Test
  void shouldIssueACertificateThatNamesItsComponentAndChainsToTheCa() throws Exception {
    CertificateAuthority.init(dir, "test");
    CertificateAuthority ca = CertificateAuthority.load(dir);
    Path out = dir.resolve("dispatcher.p12");
    X509Certificate cert = ca.issue("dispatcher", "disp1.example.com", out);
    cert.verify(ca.certificate().getPublicKey());
    assertEquals(
        new ComponentIdentity("dispatcher", "disp1.example.com"),
        ComponentIdentity.of(cert).orElseThrow());
    assertTrue(cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(731))));
    KeyStore store = KeyStores.load(out);
    assertEquals(2, store.getCertificateChain("stratus").length);
    assertThrows(PkiException.class, () -> ca.issue("Bad Name", "h", dir.resolve("x.p12")));
  }

  @Test
  void shouldLetOnlyClientsOfThisCaThroughAMutualTlsHandshake() throws Exception {
    CertificateAuthority ca = CertificateAuthority.init(dir, "test");
    ca.issue("km", "127.0.0.1", dir.resolve("km.p12"));
    ca.issue("dispatcher", "127.0.0.1", dir.resolve("dispatcher.p12"));
    Path other = dir.resolve("other");
    CertificateAuthority stranger = CertificateAuthority.init(other, "stranger");
    stranger.issue("dispatcher", "127.0.0.1", other.resolve("dispatcher.p12"));

    SSLContext server = context(dir.resolve("km.p12"), ca.trustStore());
    try (SSLServerSocket socket =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      socket.setNeedClientAuth(true);
      assertEquals(
          "dispatcher",
          handshake(socket, context(dir.resolve("dispatcher.p12"), ca.trustStore())).join());
      assertTrue(
          handshakeFails(socket, context(null, ca.trustStore())),
          "a client without a certificate got in");
      assertTrue(
          handshakeFails(socket, context(other.resolve("dispatcher.p12"), ca.trustStore())),
          "a certificate from another CA got in");
    }
  }

  @Test
  void shouldSignAnAgentsRequestWithTheCaChosenName() throws Exception {
    CertificateAuthority ca = CertificateAuthority.init(dir, "test");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    PKCS10CertificationRequest request =
        new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=i-want-to-be-dispatcher"), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    X509Certificate cert =
        ca.signRequest(request, "agent", "127.42.0.7", CertificateAuthority.AGENT_LIFETIME);
    assertEquals("agent", ComponentIdentity.of(cert).orElseThrow().component());
    assertEquals(pair.getPublic(), cert.getPublicKey());
    assertTrue(cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(91))));
  }

  private static SSLContext context(Path keyStore, Path trustStore) throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    KeyManagerFactory keys = null;
    if (keyStore != null) {
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(KeyStores.load(keyStore), KeyStores.password(keyStore));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(KeyStores.load(trustStore));
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  /** Accepts one connection and returns the client's component as the server sees it. */
  private static CompletableFuture<String> handshake(SSLServerSocket server, SSLContext client)
      throws Exception {
    CompletableFuture<String> seen =
        CompletableFuture.supplyAsync(
            () -> {
              try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.setSoTimeout(5000);
                accepted.startHandshake();
                X509Certificate peer =
                    (X509Certificate) accepted.getSession().getPeerCertificates()[0];
                accepted.getOutputStream().write(1);
                return ComponentIdentity.of(peer).orElseThrow().component();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try (SSLSocket socket =
        (SSLSocket)
            client
                .getSocketFactory()
                .createSocket(server.getInetAddress(), server.getLocalPort())) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      if (socket.getInputStream().read() != 1) {
        throw new IOException("no byte from the server");
      }
    }
    seen.get(10, TimeUnit.SECONDS);
    return seen;
  }

  private static boolean handshakeFails(SSLServerSocket server, SSLContext client) {
    try {
      handshake(server, client).join();
      return false;
    } catch (Exception e) {
      return true;
    }
  }
}
