package io.stratus.agent.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The merged output of a script run, kept up to a cap; what comes after is read (so the script
 * never blocks on a full pipe) and counted, not kept.
 */
final class CappedOutput {
  private final int cap;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long dropped;

  CappedOutput(int cap) {
    this.cap = cap;
  }

  /** Reads {@code in} to its end. */
  void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      append(buffer, n);
    }
  }

  synchronized void append(byte[] bytes, int length) {
    int room = (int) Math.max(0, cap - kept.size());
    int keep = Math.min(room, length);
    kept.write(bytes, 0, keep);
    dropped += length - keep;
  }

  synchronized void note(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    // Notes from the agent are always kept, even past the cap.
    if (kept.size() > 0 && !endsWithNewline()) {
      kept.write('\n');
    }
    kept.write(bytes, 0, bytes.length);
    kept.write('\n');
  }

  private boolean endsWithNewline() {
    byte[] all = kept.toByteArray();
    return all.length > 0 && all[all.length - 1] == '\n';
  }

  synchronized String text() {
    String text = kept.toString(StandardCharsets.UTF_8);
    if (dropped > 0) {
      text +=
          (text.endsWith("\n") ? "" : "\n")
              + "[stratus-agent] output cut at "
              + cap
              + " bytes; "
              + dropped
              + " more bytes were discarded\n";
    }
    return text;
  }
}
