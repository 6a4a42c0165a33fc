package io.stratus.cloud.local.daemon;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How requests to the local cloud are signed (the driver and the daemon share it): headers {@code
 * X-LC-Access-Key}, {@code X-LC-Timestamp} (epoch milliseconds) and {@code X-LC-Signature} =
 * Base64(HMAC-SHA256(secret, METHOD + "\n" + PATH_WITH_QUERY + "\n" + TIMESTAMP + "\n" +
 * hex(SHA-256(body)))). The secret never travels.
 */
public final class RequestSigner {
  public static final String ACCESS_KEY_HEADER = "X-LC-Access-Key";
  public static final String TIMESTAMP_HEADER = "X-LC-Timestamp";
  public static final String SIGNATURE_HEADER = "X-LC-Signature";

  private RequestSigner() {}

  public static String stringToSign(
      String method, String pathWithQuery, String timestamp, byte[] body) {
    return method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + sha256Hex(body);
  }

  public static String sign(byte[] secret, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
