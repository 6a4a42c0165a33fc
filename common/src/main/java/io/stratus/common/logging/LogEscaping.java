package io.stratus.common.logging;

/**
 * Keeps a log line one line: every value that reaches a log may come from outside (a cloud's error
 * text, a request's field), so CR, LF and the other control characters are written as escapes
 * (backslash-r, backslash-n, backslash-t, and backslash-u with four hex digits), as are the Unicode
 * line and paragraph separators. A forged "next line" then shows as part of the line it was
 * smuggled into.
 */
public final class LogEscaping {
  private LogEscaping() {}

  /** {@code text} with its control characters escaped; null stays null. */
  public static String escape(String text) {
    if (text == null || !needsEscaping(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (isEscaped(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean needsEscaping(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isEscaped(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEscaped(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
