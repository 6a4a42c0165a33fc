package io.stratus.agent;

import io.stratus.common.pki.CertificateAuthority;
import io.stratus.common.pki.TlsMaterial;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A real installation CA (common's {@link CertificateAuthority}) in a temporary directory, with
 * component certificates issued on demand, as the Dispatcher, workers, pinger and others hold them.
 */
public final class TestPki {
  private final Path dir;
  private final CertificateAuthority ca;
  private final Map<String, Path> issued = new ConcurrentHashMap<>();

  private TestPki(Path dir, CertificateAuthority ca) {
    this.dir = dir;
    this.ca = ca;
  }

  public static TestPki create(String name) {
    try {
      Path dir = Files.createTempDirectory("agent-pki-");
      return new TestPki(dir, CertificateAuthority.init(dir, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** The CA as the Dispatcher writes it into user data: Base64 of its DER. */
  public String caBase64() {
    try {
      return Base64.getEncoder().encodeToString(ca.certificate().getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key store of {@code component} on 127.0.0.1, issued the first time it is asked for. */
  public Path keyStore(String component) {
    return issued.computeIfAbsent(
        component,
        c -> {
          Path out = dir.resolve(c + ".p12");
          ca.issue(c, "127.0.0.1", out);
          return out;
        });
  }

  /** Mutual TLS as {@code component}, trusting this CA. */
  public SSLContext context(String component) {
    return TlsMaterial.load(keyStore(component), ca.trustStore()).sslContext();
  }

  /** Presents {@code component}'s certificate from {@code other} CA but trusts this one. */
  public SSLContext foreignContext(TestPki other, String component) throws Exception {
    var keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
    var store = io.stratus.common.pki.KeyStores.load(other.keyStore(component));
    keys.init(store, io.stratus.common.pki.KeyStores.password(other.keyStore(component)));
    var trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
    trust.init(io.stratus.common.pki.KeyStores.load(ca.trustStore()));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  /** No client certificate, trusting this CA. */
  public SSLContext anonymousContext() throws Exception {
    var trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
    trust.init(io.stratus.common.pki.KeyStores.load(ca.trustStore()));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  public static String pem(Object object) {
    try {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(object);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
