package io.stratus.cloud.spi;

/** Which page to fetch: a token from the previous page (null for the first) and a size. */
public record PageRequest(String token, int size) {
  public static final int MAX_SIZE = 1000;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page size must be 1.." + MAX_SIZE + ", not " + size);
    }
  }

  public static PageRequest first(int size) {
    return new PageRequest(null, size);
  }

  public PageRequest next(Page<?> page) {
    return new PageRequest(page.nextPageToken(), size);
  }
}
