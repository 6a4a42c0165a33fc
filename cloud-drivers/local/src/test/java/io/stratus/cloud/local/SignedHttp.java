package io.stratus.cloud.local;

import io.stratus.cloud.local.daemon.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Raw requests to the daemon, signed or not, for tests of what the driver would never send. */
final class SignedHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String accessKey;
  private final byte[] secret;

  SignedHttp(int port, Map<String, String> credentials) {
    this.port = port;
    this.accessKey = credentials.get("accessKey");
    this.secret = credentials.get("secretKey").getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> send(String method, String path, byte[] body, boolean sign)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (sign) {
      signHeaders(request, method, path, body);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One signed request, to send as often as a test likes (a replay). */
  HttpRequest signed(String method, String path, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    return signHeaders(request, method, path, body).build();
  }

  private HttpRequest.Builder signHeaders(
      HttpRequest.Builder request, String method, String path, byte[] body) {
    String timestamp = Long.toString(System.currentTimeMillis());
    String nonce = RequestSigner.nonce();
    return request
        .header(RequestSigner.ACCESS_KEY_HEADER, accessKey)
        .header(RequestSigner.TIMESTAMP_HEADER, timestamp)
        .header(RequestSigner.NONCE_HEADER, nonce)
        .header(
            RequestSigner.SIGNATURE_HEADER,
            RequestSigner.sign(
                secret, RequestSigner.stringToSign(method, path, timestamp, nonce, body)));
  }

  HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    return send(method, path, body.getBytes(StandardCharsets.UTF_8), true);
  }

  HttpResponse<String> metadata(String vmId, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/metadata/" + vmId + "/user-data"));
    if (token != null) {
      request.header("X-VM-Token", token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
