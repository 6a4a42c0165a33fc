package io.stratus.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** Calls an agent over mutual TLS, as the Dispatcher, a worker or the pinger would. */
public final class AgentClient {
  /** An answer: status, JSON body, and the certificate the agent presented. */
  public record Answer(int status, String body, X509Certificate served) {
    public Map<String, Object> json() {
      return Json.parseObject(body);
    }

    @SuppressWarnings("unchecked")
    public String errorMessage() {
      return (String) ((Map<String, Object>) json().get("error")).get("message");
    }
  }

  private final HttpClient http;
  private final AgentProcess agent;

  public AgentClient(AgentProcess agent, SSLContext context) {
    this.agent = agent;
    this.http =
        HttpClient.newBuilder()
            .sslContext(context)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(agent.url(path))).GET());
  }

  public Answer post(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(agent.url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer post(String path, byte[] body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(agent.url(path)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    X509Certificate served =
        response
            .sslSession()
            .map(
                s -> {
                  try {
                    return (X509Certificate) s.getPeerCertificates()[0];
                  } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    return null;
                  }
                })
            .orElse(null);
    return new Answer(response.statusCode(), response.body(), served);
  }
}
