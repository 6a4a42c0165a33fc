package io.stratus.cloud.spi;

import java.util.List;

/**
 * One page of a list. {@code nextPageToken} is null on the last page; pass it back in a {@link
 * PageRequest} for the next one.
 */
public record Page<T>(List<T> items, String nextPageToken) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return nextPageToken != null;
  }
}
