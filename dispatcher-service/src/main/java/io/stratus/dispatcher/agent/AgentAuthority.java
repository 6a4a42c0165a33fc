package io.stratus.dispatcher.agent;

import io.stratus.common.pki.CertificateAuthority;
import io.stratus.common.pki.PkiException;
import io.stratus.dispatcher.web.DispatchException;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The installation CA as the Dispatcher uses it for agents: it signs an agent's certificate request
 * (component {@code agent}, named by the VM's address) and hands out the CA certificate the agent
 * is to trust. Absent when {@code agent.ca.dir} is not set.
 */
public final class AgentAuthority {
  private final Optional<CertificateAuthority> ca;

  private AgentAuthority(Optional<CertificateAuthority> ca) {
    this.ca = ca;
  }

  public static AgentAuthority from(AgentSettings settings) {
    return new AgentAuthority(settings.caDir().map(CertificateAuthority::load));
  }

  public boolean available() {
    return ca.isPresent();
  }

  /** The CA certificate's DER in standard Base64, as the launch's user data carries it. */
  public String caCertificateBase64() {
    try {
      return Base64.getEncoder().encodeToString(authority().certificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw new PkiException("cannot encode the CA certificate", e);
    }
  }

  public String caCertificatePem() {
    return CertificateAuthority.pem(authority().certificate());
  }

  /**
   * Signs a PEM certificate request for the agent at {@code address}.
   *
   * @throws DispatchException 400 if the request is not a valid, self-signed EC request
   */
  public X509Certificate sign(String csrPem, String address, Duration lifetime) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports damaged Base64 or DER as runtime exceptions too.
      throw DispatchException.badRequest("csr is not a readable PEM certificate request");
    }
    if (!(parsed instanceof PKCS10CertificationRequest request)) {
      throw DispatchException.badRequest("csr must be a PEM certificate request");
    }
    try {
      return authority().signRequest(request, "agent", address, lifetime);
    } catch (PkiException e) {
      throw DispatchException.badRequest("the certificate request was refused: " + e.getMessage());
    }
  }

  private CertificateAuthority authority() {
    return ca.orElseThrow(
        () ->
            new DispatchException(
                503, "this Dispatcher does not bring in agents: agent.ca.dir is not set"));
  }
}
