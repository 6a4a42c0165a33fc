package io.stratus.agent.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/**
 * What the Dispatcher put in the VM's user data at launch: Java properties text, of which only the
 * {@code stratus.agent.*} keys matter (other lines are the operator's and are ignored):
 *
 * <pre>
 * stratus.agent.dispatcher=https://dispatcher:3302
 * stratus.agent.server-id=42
 * stratus.agent.token=one-time token, base64url
 * stratus.agent.ca=Base64 (standard) of the installation CA certificate's DER
 * </pre>
 */
public record UserData(URI dispatcher, long serverId, String token, X509Certificate ca) {

  /**
   * Reads the agent's keys from user data text.
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  public static UserData parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the user data is not properties text: " + e.getMessage());
    }
    String dispatcher = required(p, "stratus.agent.dispatcher");
    URI uri;
    try {
      uri = URI.create(dispatcher);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stratus.agent.dispatcher is not a URL: " + dispatcher);
    }
    if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "stratus.agent.dispatcher must be an https URL, not " + dispatcher);
    }
    long serverId;
    try {
      serverId = Long.parseLong(required(p, "stratus.agent.server-id"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("stratus.agent.server-id is not a number");
    }
    String token = required(p, "stratus.agent.token");
    if (!token.matches("[A-Za-z0-9_=-]{1,512}")) {
      throw new IllegalArgumentException("stratus.agent.token is not base64url");
    }
    X509Certificate ca;
    try {
      byte[] der = Base64.getMimeDecoder().decode(required(p, "stratus.agent.ca"));
      ca =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
      throw new IllegalArgumentException(
          "stratus.agent.ca is not a Base64 DER certificate: " + e.getMessage());
    }
    return new UserData(stripSlash(uri), serverId, token, ca);
  }

  private static URI stripSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the user data has no " + key);
    }
    return value.strip();
  }

  @Override
  public String toString() {
    // Never the token.
    return "UserData[dispatcher=" + dispatcher + ", serverId=" + serverId + "]";
  }
}
