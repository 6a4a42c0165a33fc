package io.stratus.console.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over TLS written by hand, for what a browser or Java's client would not send: any {@code
 * Host} header, forwarded headers, a chosen source address (127.0.0.2 plays a proxy). Keeps the
 * console's session cookie between requests, like a browser, and never follows a redirect.
 */
public final class RawHttps {
  /** A response: status, headers (names lower-cased; the last of a repeated one), body. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String location() {
      return headers.get("location");
    }

    /** The hidden {@code _csrf} field of the page's first form. */
    public String csrf() {
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no CSRF field in: " + body);
      }
      return m.group(1);
    }

    /** The text of the page's {@code role="alert"} paragraph, or null. */
    public String alert() {
      Matcher m = Pattern.compile("role=\"alert\"[^>]*>([^<]*)<").matcher(body);
      return m.find() ? m.group(1).strip() : null;
    }
  }

  private final SSLContext tls;
  private final int port;
  private final String source;
  private final Map<String, String> always;
  private String session;

  /**
   * @param source the local address to connect from (e.g. 127.0.0.2), or null for any
   */
  public RawHttps(SSLContext tls, int port, String source) {
    this(tls, port, source, Map.of());
  }

  private RawHttps(SSLContext tls, int port, String source, Map<String, String> always) {
    this.tls = tls;
    this.port = port;
    this.source = source;
    this.always = always;
  }

  /** A client like this one (a new session) that adds this header to every request. */
  public RawHttps with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(always);
    more.put(name, value);
    return new RawHttps(tls, port, source, more);
  }

  public String session() {
    return session;
  }

  public void session(String value) {
    session = value;
  }

  public Response get(String path) throws IOException {
    return send("GET", path, Map.of(), null);
  }

  /** POSTs a form, the fields URL-encoded in the order given. */
  public Response postForm(String path, Map<String, String> fields, Map<String, String> headers)
      throws IOException {
    StringBuilder body = new StringBuilder();
    for (var field : fields.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    return send("POST", path, all, body.toString());
  }

  /**
   * Sends one request on a new connection. {@code headers} may name {@code Host}; otherwise it is
   * the console's own address.
   */
  public Response send(String method, String path, Map<String, String> headers, String body)
      throws IOException {
    Socket plain = new Socket();
    if (source != null) {
      plain.bind(new InetSocketAddress(source, 0));
    }
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    plain.setSoTimeout(30_000);
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
      socket.startHandshake();
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Host"))) {
        request.append("Host: 127.0.0.1:").append(port).append("\r\n");
      }
      always.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      headers.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      if (session != null) {
        request.append("Cookie: STRATUS_SESSION=").append(session).append("\r\n");
      }
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String raw = all.toString(StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).strip();
      headers.put(name, value);
      if (name.equals("set-cookie")) {
        cookies.add(value);
      }
    }
    for (String cookie : cookies) {
      if (cookie.startsWith("STRATUS_SESSION=")) {
        String value = cookie.substring("STRATUS_SESSION=".length(), cookie.indexOf(';'));
        session = value.isEmpty() ? null : value;
      }
    }
    byte[] bytes = raw.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      bytes = dechunk(bytes);
    }
    return new Response(status, headers, new String(bytes, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String text = new String(chunked, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (true) {
      int lineEnd = text.indexOf("\r\n", at);
      int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
