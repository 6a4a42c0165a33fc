package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.common.cache.CacheWork;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@link CacheReconciler} needs to know of one resource kind: how to list it from the cloud,
 * which of its values Stratus keeps, and the SQL that reads and writes its table. The reconcile
 * itself (paging, comparing, batching, marking gone, events) is the same for every kind.
 *
 * @param <R> the SPI's value type for the kind
 */
public interface CachedKind<R> {
  /** The resource word of the kind's events ({@code server.<customer>.<id>.<change>}). */
  String resource();

  /** The cloud's listing of the region, or empty when the cloud lacks the service. */
  Optional<Listing<R>> listing(CloudProvider provider, CacheWork work, String providerRegionId);

  /** The cloud's id of the item: the key by which rows and items are matched. */
  String providerId(R item);

  /**
   * The kept values, compared with a known row's in the order {@link #knownSql()} reads them; the
   * first is the item's state, as its row holds it.
   */
  List<Object> values(R item);

  /** The state a row is given when its item is gone. */
  String goneState();

  /** True when the cloud still lists the item but as ended (terminated, deleted, released). */
  default boolean goneInCloud(R item) {
    return false;
  }

  /**
   * Reads every row of the region that has a cloud id: columns {@code id}, the cloud's id, a {@code
   * gone} flag, then the compared values in {@link #values(Object)}'s order. Parameter {@code
   * :region}.
   */
  String knownSql();

  /**
   * Inserts an item found in the cloud; positional parameters from {@link #insertRow}. No {@code
   * SELECT} in it (references through {@link RegionIds}): a batch is then one multi-row insert.
   */
  String insertSql();

  Object[] insertRow(CacheWork work, R item, RegionIds ids);

  /** Writes an item's values onto its row; positional parameters from {@link #updateRow}. */
  String updateSql();

  Object[] updateRow(long id, R item);

  /** Marks a row gone: parameters the reason, then the row's id. */
  String goneSql();

  /** Columns {@code id} and the cloud's id of the region's rows with cloud ids {@code :ids}. */
  String idsSql();

  /**
   * Counts the region's rows ({@code :region}) for a create of this kind still in flight, whose
   * cloud id its task has not recorded yet; while there are any, items unknown to Stratus are not
   * inserted (the next refresh does), so a create is never recorded twice. Null for kinds Stratus
   * never creates.
   */
  default String pendingSql() {
    return null;
  }

  /** Takes an unknown item as the row of a create in flight (true), instead of inserting it. */
  default boolean adopt(JdbcClient jdbc, CacheWork work, R item) {
    return false;
  }

  /**
   * Whether an item a whole listing did not hold is still in the cloud. A listing may miss an item
   * still being created (OpenStack lists servers being scheduled apart from the others, so one can
   * fall between two pages); a kind that can read one item asks the cloud before such a row, by its
   * {@code storedState}, is marked gone. The default trusts the listing.
   */
  default boolean stillThere(CloudProvider provider, String providerId, String storedState) {
    return false;
  }

  /** Runs in the page's transaction for rows that just ended (gone or listed as ended). */
  default void ended(JdbcTemplate batches, List<Long> rowIds) {}

  /** Whether a row marked gone comes back when the cloud lists its item again. */
  default boolean revivable() {
    return false;
  }

  /** The last word of the event's routing key for a change. */
  default String event(Change change, String state, boolean stateChanged) {
    return change.word();
  }
}
