package io.stratus.dispatcher.agent;

import io.stratus.common.pki.CertificateAuthority;
import io.stratus.dispatcher.web.DispatchException;
import io.stratus.web.ClientCertificates;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What agents call: {@code POST /agents/handshake} (no client certificate yet; the one-time token
 * vouches for it) and {@code POST /agents/renew} (with the agent's current certificate). Both
 * answer the new certificate and the CA certificate, in PEM.
 */
@RestController
@RequestMapping("/agents")
public class AgentController {
  /** The paths an agent may reach; the access filter lets agents call nothing else. */
  public static final String HANDSHAKE = "/agents/handshake";

  public static final String RENEW = "/agents/renew";

  private final AgentRegistry registry;
  private final AgentAuthority authority;

  public AgentController(AgentRegistry registry, AgentAuthority authority) {
    this.registry = registry;
    this.authority = authority;
  }

  @PostMapping("/handshake")
  public Map<String, Object> handshake(
      @RequestBody AgentHandshake request, HttpServletRequest http) {
    if (!authority.available()) {
      throw new DispatchException(
          503, "this Dispatcher does not bring in agents: agent.ca.dir is not set");
    }
    return answer(registry.handshake(request, http.getRemoteAddr()));
  }

  @PostMapping("/renew")
  public Map<String, Object> renew(@RequestBody AgentRenewal request, HttpServletRequest http) {
    var current =
        ClientCertificates.certificate(http)
            .orElseThrow(
                () ->
                    DispatchException.forbidden("renewing needs the agent's current certificate"));
    return answer(registry.renew(current, request, http.getRemoteAddr()));
  }

  private Map<String, Object> answer(AgentRegistry.Issued issued) {
    return Map.of(
        "serverId", issued.serverId(),
        "certificate", CertificateAuthority.pem(issued.certificate()),
        "caCertificate", authority.caCertificatePem());
  }
}
