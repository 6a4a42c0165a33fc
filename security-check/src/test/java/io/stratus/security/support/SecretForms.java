package io.stratus.security.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forms a secret may take where it was not meant to be: the bytes a scan looks for, each under
 * the name of its encoding. Every form is given as ISO-8859-1 text (one char per byte), so it can
 * be looked for in any bytes read the same way. Base64 is given at each of the three alignments a
 * secret may have inside a longer encoded value (only the characters that depend on the secret
 * alone), standard and URL-safe; hex in lower and upper case. A form that equals an earlier one
 * (URL-encoding of a plain secret) is listed once, under the earlier name.
 */
public final class SecretForms {
  private SecretForms() {}

  /** encoding name to the bytes (as ISO-8859-1 text) of {@code secret} in that encoding. */
  public static Map<String, String> of(String secret) {
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("UTF-8", latin1(utf8));
    forms.put("UTF-16LE", latin1(secret.getBytes(StandardCharsets.UTF_16LE)));
    forms.put("UTF-16BE", latin1(secret.getBytes(StandardCharsets.UTF_16BE)));
    for (int offset = 0; offset < 3; offset++) {
      String standard = base64Core(utf8, offset);
      forms.put("Base64@" + offset, standard);
      forms.put("Base64url@" + offset, standard.replace('+', '-').replace('/', '_'));
    }
    forms.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
    forms.put(
        "URL-encoded(%20)", URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    forms.put("hex", HexFormat.of().formatHex(utf8));
    forms.put("HEX", HexFormat.of().withUpperCase().formatHex(utf8));
    Map<String, String> distinct = new LinkedHashMap<>();
    forms.forEach(
        (encoding, form) -> {
          if (!form.isEmpty() && !distinct.containsValue(form)) {
            distinct.put(encoding, form);
          }
        });
    return distinct;
  }

  /**
   * The Base64 characters of {@code bytes} preceded by {@code offset} other bytes that depend on
   * {@code bytes} only: whole 3-byte groups lying inside them.
   */
  static String base64Core(byte[] bytes, int offset) {
    byte[] padded = new byte[offset + bytes.length];
    System.arraycopy(bytes, 0, padded, offset, bytes.length);
    String encoded = Base64.getEncoder().encodeToString(padded);
    int firstGroup = (offset + 2) / 3;
    int endGroup = padded.length / 3;
    return encoded.substring(firstGroup * 4, endGroup * 4);
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
