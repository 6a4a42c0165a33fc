package io.stratus.agent.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a log for collection, a window at a time, in whole lines: from {@code offset}, at most
 * {@code limit} bytes, up to and including the last newline in that window; the caller asks next
 * from {@code nextOffset}. A trailing line still being written (no newline yet) waits for the next
 * call, unless it alone fills the window, in which case it is returned cut at the window so the
 * reader always moves on. An offset past the end of the file means the file was rotated (or
 * truncated) since: reading starts again at 0 and says {@code rotated: true}. A log that does not
 * exist yet reads as empty.
 */
public final class LogReader {
  public static final int DEFAULT_LIMIT = 64 * 1024;
  public static final int MAX_LIMIT = 1024 * 1024;

  private LogReader() {}

  /** The window of {@code file} at {@code offset}, as the JSON answer of {@code GET /logs/name}. */
  public static Map<String, Object> read(String name, Path file, long offset, int limit)
      throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
    List<String> lines = new ArrayList<>();
    long size;
    boolean rotated = false;
    long start = offset;
    long next;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      size = channel.size();
      if (start > size) {
        rotated = true;
        start = 0;
      }
      int want = (int) Math.min(limit, size - start);
      ByteBuffer buffer = ByteBuffer.allocate(want);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, start + buffer.position()) < 0) {
          break;
        }
      }
      byte[] bytes = buffer.array();
      int length = buffer.position();
      int lineStart = 0;
      for (int i = 0; i < length; i++) {
        if (bytes[i] == '\n') {
          lines.add(line(bytes, lineStart, i));
          lineStart = i + 1;
        }
      }
      if (lineStart == 0 && length == limit) {
        // One line longer than the window: hand it over in pieces rather than never.
        lines.add(line(bytes, 0, length));
        lineStart = length;
      }
      next = start + lineStart;
    } catch (NoSuchFileException e) {
      size = 0;
      rotated = offset > 0;
      next = 0;
      start = 0;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("offset", start);
    json.put("nextOffset", next);
    json.put("size", size);
    json.put("rotated", rotated);
    json.put("lines", lines);
    return json;
  }

  private static String line(byte[] bytes, int from, int to) {
    int end = to;
    if (end > from && bytes[end - 1] == '\r') {
      end--;
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }
}
