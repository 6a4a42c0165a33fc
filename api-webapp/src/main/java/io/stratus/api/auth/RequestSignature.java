package io.stratus.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The enStratus request signature: Base64(HMAC-SHA256(secret key, {@code
 * ACCESS_KEY:METHOD:PATH:TIMESTAMP:USER_AGENT})), where PATH is the request's path without its
 * query string, TIMESTAMP the epoch milliseconds sent in {@code x-esauth-timestamp} and USER_AGENT
 * the request's {@code User-Agent} (empty when there is none).
 */
public final class RequestSignature {
  public static final String ACCESS_HEADER = "x-esauth-access";
  public static final String TIMESTAMP_HEADER = "x-esauth-timestamp";
  public static final String SIGNATURE_HEADER = "x-esauth-signature";

  private RequestSignature() {}

  /** The string that is signed. */
  public static String stringToSign(
      String accessKey, String method, String path, long timestamp, String userAgent) {
    return accessKey
        + ":"
        + method
        + ":"
        + path
        + ":"
        + timestamp
        + ":"
        + (userAgent == null ? "" : userAgent);
  }

  /** The signature a client sends for this request. */
  public static String sign(
      String secretKey,
      String accessKey,
      String method,
      String path,
      long timestamp,
      String userAgent) {
    return Base64.getEncoder()
        .encodeToString(
            hmac(
                secretKey,
                stringToSign(accessKey, method, path, timestamp, userAgent)
                    .getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code signature} is the right one, compared in constant time. */
  public static boolean matches(String expected, String signature) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
