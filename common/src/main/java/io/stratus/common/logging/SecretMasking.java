package io.stratus.common.logging;

import java.util.regex.Pattern;

/**
 * The last line of defence against a secret in a log line: masks {@code password=...}-style pairs
 * and the password in {@code scheme://user:password@host} URIs. Code must still never log secrets;
 * this only catches a library that does.
 */
public final class SecretMasking {
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)((?:password|passwd|pwd|secret|secretkey|secret_key|token|apikey|api_key|"
              + "private_key|credential)s?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&}\\]]+)");
  private static final Pattern URI_PASSWORD =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]+:)([^@\\s/]+)(@)");

  private SecretMasking() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = URI_PASSWORD.matcher(text).replaceAll("$1******$3");
    return KEY_VALUE.matcher(masked).replaceAll("$1******");
  }
}
