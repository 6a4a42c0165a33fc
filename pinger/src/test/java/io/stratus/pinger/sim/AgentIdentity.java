package io.stratus.pinger.sim;

import io.stratus.common.pki.AgentFingerprint;
import io.stratus.common.pki.CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A guest agent's key and certificate, made as the Dispatcher makes them: the agent generates an EC
 * key and a certificate request, the installation CA signs it for component {@code agent}.
 */
public record AgentIdentity(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

  /** A new key, signed by {@code ca} for component {@code agent} on {@code host}. */
  public static AgentIdentity issue(CertificateAuthority ca, String host) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      PKCS10CertificationRequest request =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Principal("CN=agent@" + host), pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate certificate =
          ca.signRequest(request, "agent", host, CertificateAuthority.AGENT_LIFETIME);
      return new AgentIdentity(pair.getPrivate(), certificate, ca.certificate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make an agent identity", e);
    }
  }

  /** What {@code guest_agent.cert_fingerprint} holds for this agent. */
  public String fingerprint() {
    return AgentFingerprint.of(certificate);
  }
}
