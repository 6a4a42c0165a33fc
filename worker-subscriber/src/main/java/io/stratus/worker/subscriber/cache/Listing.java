package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import java.util.List;
import java.util.function.Supplier;

/** How a cache kind reads the cloud: one page at a time, the last page without a next token. */
@FunctionalInterface
public interface Listing<R> {
  Page<R> page(PageRequest request);

  /**
   * A listing the SPI does not page (images, volumes, ...): the whole list is its one page, so a
   * failure of the call leaves every row as it was.
   */
  static <R> Listing<R> whole(Supplier<List<R>> list) {
    return request -> new Page<>(list.get(), null);
  }
}
