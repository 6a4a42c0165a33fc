package io.stratus.worker.subscriber.cache;

import io.stratus.common.cache.CacheWork;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A cached kind whose rows live in a table of the region ({@link KindTable}): all a kind then adds
 * is its event word, how the cloud lists it, and its table's columns. A kind with more to do
 * (adopting a launch's row, revoking tokens) overrides the {@link CachedKind} defaults.
 *
 * @param <R> the SPI's value type for the kind
 */
public abstract class TableKind<R> implements CachedKind<R> {
  private final String resource;
  private final Function<R, String> providerId;
  private final KindTable<R> table;

  /**
   * @param resource the resource word of the kind's events
   * @param providerId the cloud's id of an item
   * @param table what the kind's table keeps of an item
   */
  TableKind(String resource, Function<R, String> providerId, KindTable<R> table) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.providerId = Objects.requireNonNull(providerId, "providerId");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** A state as the SPI names it, as rows hold it: {@code DELETED} is {@code deleted}. */
  static String stateOf(Enum<?> state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public final String resource() {
    return resource;
  }

  @Override
  public final String providerId(R item) {
    return providerId.apply(item);
  }

  @Override
  public final List<Object> values(R item) {
    return table.values(item);
  }

  @Override
  public final String goneState() {
    return table.goneState();
  }

  @Override
  public final boolean goneInCloud(R item) {
    return table.endedInCloud(item);
  }

  @Override
  public final String knownSql() {
    return table.knownSql();
  }

  @Override
  public final String insertSql() {
    return table.insertSql();
  }

  @Override
  public final Object[] insertRow(CacheWork work, R item, RegionIds ids) {
    return table.insertRow(work, providerId(item), item, ids);
  }

  @Override
  public final String updateSql() {
    return table.updateSql();
  }

  @Override
  public final Object[] updateRow(long id, R item) {
    return table.updateRow(id, item);
  }

  @Override
  public final String goneSql() {
    return table.goneSql();
  }

  @Override
  public final String idsSql() {
    return table.idsSql();
  }

  @Override
  public final boolean revivable() {
    return table.revivable();
  }

  @Override
  public final String pendingSql() {
    return table.pendingSql();
  }
}
