package io.stratus.agent.identity;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in memory, for unit tests. */
final class TestCertificates {
  private TestCertificates() {}

  /** The DER of a self-signed certificate, Base64. */
  static String base64(Duration lifetime) {
    try {
      return java.util.Base64.getEncoder().encodeToString(selfSigned(lifetime).getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate selfSigned(Duration lifetime) {
    try {
      KeyPair pair = CertificateRequests.newKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=test");
      return new JcaX509CertificateConverter()
          .getCertificate(
              new JcaX509v3CertificateBuilder(
                      name,
                      BigInteger.ONE,
                      Date.from(now),
                      Date.from(now.plus(lifetime)),
                      name,
                      pair.getPublic())
                  .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
