package io.stratus.agent.identity;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Key pairs (EC P-256) and PKCS#10 certificate requests (Bouncy Castle, signed SHA256withECDSA) in
 * PEM, and certificates back from PEM. The requested subject is only a hint: the CA names the
 * certificate.
 */
public final class CertificateRequests {
  private CertificateRequests() {}

  public static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A PEM {@code CERTIFICATE REQUEST} for {@code pair}, subject {@code CN=agent-<serverId>}. */
  public static String csrPem(KeyPair pair, long serverId) throws GeneralSecurityException {
    try {
      byte[] der =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Name("CN=agent-" + serverId), pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
              .getEncoded();
      return pem("CERTIFICATE REQUEST", der);
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException(
          "cannot build the certificate request: " + e.getMessage(), e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The first certificate in a PEM text. */
  public static X509Certificate certificate(String pem) throws CertificateException {
    if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new CertificateException("not a PEM certificate");
    }
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }
}
