package io.stratus.cloud.local.daemon;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How requests to the local cloud are signed (the driver and the daemon share it): headers {@code
 * X-LC-Access-Key}, {@code X-LC-Timestamp} (epoch milliseconds), {@code X-LC-Nonce} (random, fresh
 * for each request) and {@code X-LC-Signature} = Base64(HMAC-SHA256(secret, METHOD + "\n" +
 * PATH_WITH_QUERY + "\n" + TIMESTAMP + "\n" + NONCE + "\n" + hex(SHA-256(body)))). The secret never
 * travels; the daemon accepts each signature once.
 */
public final class RequestSigner {
  public static final String ACCESS_KEY_HEADER = "X-LC-Access-Key";
  public static final String TIMESTAMP_HEADER = "X-LC-Timestamp";
  public static final String SIGNATURE_HEADER = "X-LC-Signature";
  public static final String NONCE_HEADER = "X-LC-Nonce";

  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestSigner() {}

  public static String stringToSign(
      String method, String pathWithQuery, String timestamp, String nonce, byte[] body) {
    return method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
  }

  /** A fresh nonce for one request: 128 random bits, hex. */
  public static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
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
