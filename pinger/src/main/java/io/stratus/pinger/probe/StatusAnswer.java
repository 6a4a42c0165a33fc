package io.stratus.pinger.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The HTTP answer to {@code GET /status} as it arrives: enough of HTTP/1.1 to find the status code
 * and the end of the body ({@code Content-Length} or chunked), and whether the connection may carry
 * the next request. The body itself is not interpreted: a {@code 200} is an answer.
 */
final class StatusAnswer {
  /** Larger answers are not a status document; the probe gives up rather than buffer them. */
  static final int MAX_BYTES = 64 * 1024;

  private byte[] bytes = new byte[512];
  private int length;
  private int bodyStart = -1;
  private int status = -1;
  private long contentLength = -1;
  private boolean chunked;
  private boolean close;
  private int end = -1;

  /** Adds what was decrypted; fails when the answer grows beyond {@link #MAX_BYTES}. */
  void append(ByteBuffer data) throws IOException {
    int n = data.remaining();
    if (length + n > MAX_BYTES) {
      throw new IOException("answer larger than " + MAX_BYTES + " bytes");
    }
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
    data.get(bytes, length, n);
    length += n;
    if (bodyStart < 0) {
      parseHead();
    }
    if (bodyStart >= 0 && end < 0) {
      findEnd();
    }
  }

  /** The whole answer is in: head and body. */
  boolean complete() {
    return end >= 0;
  }

  /** Whether the status line and headers are in (enough when the agent closes after them). */
  boolean hasHead() {
    return bodyStart >= 0;
  }

  /** The status code; -1 before the head is in. */
  int status() {
    return status;
  }

  /**
   * Whether the connection may carry another request: the answer's end was known from its length or
   * chunks, nothing followed it, and the agent did not say {@code Connection: close}.
   */
  boolean connectionReusable() {
    return end >= 0 && end == length && !close;
  }

  private void parseHead() throws IOException {
    int blank = indexOf("\r\n\r\n", 0);
    if (blank < 0) {
      return;
    }
    String[] lines = new String(bytes, 0, blank, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.1 answer: " + printable(lines[0]));
    }
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + printable(lines[0]));
    }
    close = statusLine[0].equals("HTTP/1.0");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + printable(lines[i]));
          }
        }
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close");
        default -> {}
      }
    }
    bodyStart = blank + 4;
  }

  /** Sets {@link #end} when the body is complete; without a length the agent's close ends it. */
  private void findEnd() throws IOException {
    if (chunked) {
      findEndOfChunks();
    } else if (contentLength >= 0) {
      if (length - bodyStart >= contentLength) {
        end = (int) (bodyStart + contentLength);
      }
    } else {
      close = true; // the body runs until the agent closes; the head is all a probe needs
      end = length;
    }
  }

  private void findEndOfChunks() throws IOException {
    int at = bodyStart;
    while (true) {
      int lineEnd = indexOf("\r\n", at);
      if (lineEnd < 0) {
        return;
      }
      String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = sizeLine.indexOf(';');
      long size;
      try {
        size =
            Long.parseLong(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size: " + printable(sizeLine));
      }
      if (size == 0) {
        int trailersEnd = indexOf("\r\n", lineEnd + 2) == lineEnd + 2 ? lineEnd + 4 : -1;
        if (trailersEnd < 0) {
          int blank = indexOf("\r\n\r\n", lineEnd);
          trailersEnd = blank < 0 ? -1 : blank + 4;
        }
        if (trailersEnd >= 0) {
          end = trailersEnd;
        }
        return;
      }
      at = (int) (lineEnd + 2 + size + 2);
      if (at > length) {
        return;
      }
    }
  }

  private int indexOf(String what, int from) {
    byte[] pattern = what.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = from; i + pattern.length <= length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String printable(String line) {
    String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
