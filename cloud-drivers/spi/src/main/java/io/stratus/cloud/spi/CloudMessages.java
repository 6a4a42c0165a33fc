package io.stratus.cloud.spi;

/**
 * What a cloud says is reduced to a bounded, printable summary before it becomes an exception's, a
 * job's or an account's message: control characters are dropped, runs of white space become one
 * space, and the text is cut at {@link #MAX_LENGTH} characters. A remote answer is never echoed
 * whole: a customer who can point a worker somewhere must not read back what is there.
 */
public final class CloudMessages {
  /** The longest summary, in characters, before the ellipsis. */
  public static final int MAX_LENGTH = 200;

  private CloudMessages() {}

  /** The summary of {@code text}; null stays null. */
  public static String summary(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() <= MAX_LENGTH; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else if (!Character.isISOControl(c)
          && Character.getType(c) != Character.FORMAT
          && !Character.isSurrogate(c)) {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    if (out.length() > MAX_LENGTH) {
      out.setLength(MAX_LENGTH);
      out.append('…');
    }
    return out.toString();
  }
}
