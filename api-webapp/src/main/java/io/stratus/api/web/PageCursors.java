package io.stratus.api.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the pages of recent listings start, remembered by this instance: a client that reads page
 * 2, 3, ... in turn finds each page's first row at once (a range read) instead of walking past
 * every earlier row. Only an accelerator: a page not remembered here (another instance served the
 * previous one, or it was evicted) is found by walking the index, with the same answer.
 */
public final class PageCursors {
  private final int capacity;
  private final Map<String, Long> starts;

  public PageCursors(int capacity) {
    this.capacity = capacity;
    this.starts =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > PageCursors.this.capacity;
          }
        };
  }

  /** The first row id of the page, when known. */
  public synchronized Long start(String listing, int page) {
    return starts.get(listing + "#" + page);
  }

  /** Remembers that the page starts at or after {@code firstId}. */
  public synchronized void remember(String listing, int page, long firstId) {
    starts.put(listing + "#" + page, firstId);
  }
}
