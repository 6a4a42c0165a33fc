package io.stratus.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** How tests reach a Stratus service they started: HTTPS on 127.0.0.1, one request a connection. */
public final class LoopbackHttps {
  private LoopbackHttps() {}

  /** An HTTP/1.1 client trusting (and presenting) what {@code tls} holds; 5 s to connect. */
  public static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder()
        .sslContext(tls)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** {@code https://127.0.0.1:<port>}, to resolve request paths against. */
  public static URI base(int port) {
    return URI.create("https://127.0.0.1:" + port);
  }
}
