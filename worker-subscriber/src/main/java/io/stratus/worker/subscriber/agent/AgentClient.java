package io.stratus.worker.subscriber.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.pki.TlsMaterial;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Calls guest agents on their port (2003) over mutual TLS: the worker presents its component
 * certificate, and trusts an agent only with the certificate the registry pinned for it.
 */
public final class AgentClient {
  private final HttpClient http;
  private final PinnedTrustManager trust;

  private AgentClient(HttpClient http, PinnedTrustManager trust) {
    this.http = http;
    this.trust = trust;
  }

  /** A client with this component's TLS material (its key store and the installation CA). */
  public static AgentClient create(TlsMaterial tls, Duration connectTimeout) {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(tls.keyStore(), tls.keyStorePassword());
      TrustManagerFactory cas =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      cas.init(tls.trustStore());
      X509ExtendedTrustManager ca =
          Arrays.stream(cas.getTrustManagers())
              .filter(X509ExtendedTrustManager.class::isInstance)
              .map(X509ExtendedTrustManager.class::cast)
              .findFirst()
              .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
      PinnedTrustManager pinned = new PinnedTrustManager(ca);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), new PinnedTrustManager[] {pinned}, null);
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(context)
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .build();
      return new AgentClient(http, pinned);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS to agents: " + e.getMessage(), e);
    }
  }

  /** GETs {@code pathAndQuery} from the agent; the answer's JSON. */
  public JsonNode get(AgentEndpoint agent, String pathAndQuery, Duration timeout)
      throws AgentCallException, InterruptedException {
    return send(agent, HttpRequest.newBuilder().GET(), pathAndQuery, timeout);
  }

  /** POSTs {@code body} to {@code path} on the agent; the answer's JSON. */
  public JsonNode post(AgentEndpoint agent, String path, JsonNode body, Duration timeout)
      throws AgentCallException, InterruptedException {
    return send(
        agent,
        HttpRequest.newBuilder()
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
        path,
        timeout);
  }

  private JsonNode send(
      AgentEndpoint agent, HttpRequest.Builder request, String path, Duration timeout)
      throws AgentCallException, InterruptedException {
    if (agent.fingerprint() == null || agent.address() == null) {
      throw new AgentCallException(
          "server " + agent.serverId() + "'s agent has not completed its handshake",
          0,
          false,
          null);
    }
    trust.pin(agent.address(), agent.port(), agent.fingerprint());
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request
                  .uri(URI.create("https://" + agent.hostPort() + path))
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | SSLHandshakeException e) {
      throw new AgentCallException(
          "server "
              + agent.serverId()
              + "'s agent at "
              + agent.hostPort()
              + " cannot be reached: "
              + reason(e),
          0,
          false,
          e);
    } catch (HttpTimeoutException e) {
      throw new AgentCallException(
          "server " + agent.serverId() + "'s agent did not answer within " + timeout, 0, true, e);
    } catch (IOException e) {
      throw new AgentCallException(
          "server " + agent.serverId() + "'s agent: " + reason(e), 0, true, e);
    }
    JsonNode body;
    try {
      body = MessageCodec.mapper().readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (response.statusCode() != 200 || body == null) {
      throw new AgentCallException(
          "server "
              + agent.serverId()
              + "'s agent answered "
              + response.statusCode()
              + errorMessage(body),
          response.statusCode(),
          true,
          null);
    }
    return body;
  }

  private static String errorMessage(JsonNode body) {
    if (body == null) {
      return "";
    }
    JsonNode error = body.path("error");
    String message = error.isObject() ? error.path("message").asText("") : error.asText("");
    return message.isEmpty() ? "" : ": " + message;
  }

  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
