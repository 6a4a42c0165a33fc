package io.stratus.worker.subscriber.cache;

import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What Stratus keeps of a cloud's items in a kind's table, and every statement the reconcile runs
 * on it. The table, the column of the cloud's id and the state column with its gone state come from
 * the kind's {@link ResourceKind} declaration; this adds the columns the cloud's items fill in. The
 * table holds {@code customer_id}, {@code region_id} (unless its rows belong to a parent's, {@link
 * Builder#belongsTo}), {@code cloud_account_id} (unless {@link Builder#withoutAccount()}), the
 * cloud's id, the state and a {@code state_reason}.
 *
 * <p>A kept column is compared with the item's value, inserted and updated; a reference column
 * holds the id of another kind's row, compared by that row's cloud id; an inserted column is only
 * written when the row is made.
 *
 * @param <R> the SPI's value type for the kind
 */
final class KindTable<R> {
  private static final String T = "t";

  /** How a column is written. */
  private enum Use {
    KEPT,
    INSERTED
  }

  /**
   * A column and the item's value for it.
   *
   * @param target the kind whose row a reference column points to (by its cloud id); null for a
   *     plain column
   */
  private record Column<R>(String name, Function<R, Object> value, ResourceKind target, Use use) {
    boolean kept() {
      return use == Use.KEPT;
    }
  }

  /** An assignment with one parameter the update also makes, e.g. a time set on ending. */
  private record Assignment<R>(String sql, Function<R, Object> value) {}

  private final String table;
  private final String cloudId;
  private final String stateColumn;
  private final String goneState;
  private final boolean account;
  private final String parentColumn;
  private final ResourceKind parent;
  private final List<Column<R>> columns;
  private final List<Assignment<R>> assignments;
  private final Predicate<R> endedInCloud;
  private final String endedReason;
  private final List<String> clearedWhenGone;
  private final String pendingPattern;
  private final boolean holdsBackForCreates;
  private final boolean revivable;

  private KindTable(Builder<R> b) {
    this.table = b.kind.table();
    this.cloudId = Objects.requireNonNull(b.kind.cloudIdColumn(), b.kind.name() + ": no cloud id");
    this.stateColumn = Objects.requireNonNull(b.stateColumn, b.kind.name() + ": no state column");
    this.goneState = b.goneState;
    this.account = b.account && b.parent == null;
    this.parentColumn = b.parentColumn;
    this.parent = b.parent;
    this.columns = List.copyOf(b.columns);
    this.assignments = List.copyOf(b.assignments);
    this.endedInCloud = b.endedInCloud;
    this.endedReason = b.endedReason;
    this.clearedWhenGone = List.copyOf(b.clearedWhenGone);
    this.pendingPattern = b.pendingPattern;
    this.holdsBackForCreates = b.holdsBackForCreates;
    this.revivable = b.revivable;
    if (columns.isEmpty() || !columns.get(0).name().equals(stateColumn)) {
      throw new IllegalStateException(table + ": the state column is kept first");
    }
    if (parent != null && columns.stream().anyMatch(c -> c.kept() && c.target() != null)) {
      throw new IllegalStateException(table + ": a kept reference needs the row's own region");
    }
  }

  /**
   * Starts the table of {@code kind}, whose state column and gone state are the declaration's
   * ({@link ResourceKind.Builder#ended(String, String)}) unless {@link Builder#state} says others.
   */
  static <R> Builder<R> of(ResourceKind kind) {
    return new Builder<>(kind);
  }

  String goneState() {
    return goneState;
  }

  boolean revivable() {
    return revivable;
  }

  boolean endedInCloud(R item) {
    return endedInCloud.test(item);
  }

  /** The kept values in column order, the state first; references by the target's cloud id. */
  List<Object> values(R item) {
    List<Object> values = new ArrayList<>(columns.size());
    for (Column<R> c : columns) {
      if (c.kept()) {
        values.add(c.value().apply(item));
      }
    }
    return values;
  }

  String knownSql() {
    StringBuilder select = new StringBuilder();
    StringBuilder joins = new StringBuilder();
    int ref = 0;
    for (Column<R> c : columns) {
      if (!c.kept()) {
        continue;
      }
      if (c.target() == null) {
        select.append(", ").append(T).append('.').append(c.name());
      } else {
        String alias = "r" + ++ref;
        select.append(", ").append(alias).append('.').append(c.target().cloudIdColumn());
        joins.append(
            " LEFT JOIN %s %s ON %s.id = %s.%s"
                .formatted(c.target().table(), alias, alias, T, c.name()));
      }
    }
    return "SELECT %s.id, %s.%s, %s.%s = '%s' AS gone%s FROM %s %s%s%s WHERE %s AND NOT (%s)"
        .formatted(
            T,
            T,
            cloudId,
            T,
            stateColumn,
            goneState,
            select,
            table,
            T,
            parentJoin(),
            joins,
            inRegion(),
            pending(T + "."));
  }

  String insertSql() {
    List<String> names = new ArrayList<>(List.of("customer_id"));
    if (account) {
      names.add("cloud_account_id");
    }
    if (parent == null) {
      names.add("region_id");
    }
    names.add(cloudId);
    columns.forEach(c -> names.add(c.name()));
    return "INSERT INTO %s (%s) VALUES (%s)"
        .formatted(
            table,
            String.join(", ", names),
            names.stream().map(n -> "?").collect(Collectors.joining(", ")));
  }

  /**
   * The new row's values, references resolved through {@code ids}, in {@link #insertSql}'s order.
   */
  Object[] insertRow(CacheWork work, String providerId, R item, RegionIds ids) {
    List<Object> row = new ArrayList<>();
    row.add(work.customerId());
    if (account) {
      row.add(work.cloudAccountId());
    }
    if (parent == null) {
      row.add(work.regionId());
    }
    row.add(providerId);
    for (Column<R> c : columns) {
      Object value = c.value().apply(item);
      row.add(
          c.target() == null
              ? value
              : ids.of(c.target().table(), c.target().cloudIdColumn(), (String) value));
    }
    return row.toArray();
  }

  /**
   * Writes the kept values (a reference found by its cloud id in the region), the assignments, and
   * the reason: the ended reason when the cloud lists the item as ended, else none. A kind that
   * keeps {@code state_reason} as the cloud says it is given no other reason.
   */
  String updateSql() {
    List<String> sets = new ArrayList<>();
    for (Column<R> c : columns) {
      if (!c.kept()) {
        continue;
      }
      if (c.target() == null) {
        sets.add("%s.%s = ?".formatted(T, c.name()));
      } else {
        sets.add(
            "%s.%s = (SELECT r.id FROM %s r WHERE r.region_id = %s.region_id AND r.%s = ?)"
                .formatted(T, c.name(), c.target().table(), T, c.target().cloudIdColumn()));
      }
    }
    assignments.forEach(a -> sets.add(T + "." + a.sql()));
    if (!keepsReason()) {
      sets.add(T + ".state_reason = ?");
    }
    return "UPDATE %s %s SET %s WHERE %s.id = ?".formatted(table, T, String.join(", ", sets), T);
  }

  Object[] updateRow(long id, R item) {
    List<Object> row = values(item);
    assignments.forEach(a -> row.add(a.value().apply(item)));
    if (!keepsReason()) {
      row.add(endedInCloud(item) ? endedReason : null);
    }
    row.add(id);
    return row.toArray();
  }

  String goneSql() {
    StringBuilder sets = new StringBuilder();
    clearedWhenGone.forEach(assignment -> sets.append(", ").append(assignment));
    return "UPDATE %s SET %s = '%s', state_reason = ?%s WHERE id = ?"
        .formatted(table, stateColumn, goneState, sets);
  }

  String idsSql() {
    if (parent == null) {
      return "SELECT id, %s FROM %s WHERE region_id = :region AND %s IN (:ids)"
          .formatted(cloudId, table, cloudId);
    }
    return "SELECT %s.id, %s.%s FROM %s %s%s WHERE %s AND %s.%s IN (:ids)"
        .formatted(T, T, cloudId, table, T, parentJoin(), inRegion(), T, cloudId);
  }

  /** The join to the parent row that holds the region, if the row does not hold it itself. */
  private String parentJoin() {
    return parent == null
        ? ""
        : " JOIN %s p ON p.id = %s.%s".formatted(parent.table(), T, parentColumn);
  }

  /** The condition that a row ({@code t}) is the region's. */
  private String inRegion() {
    return (parent == null ? T : "p") + ".region_id = :region";
  }

  /**
   * Rows of a create whose task has not yet recorded the cloud's id, younger than ten minutes (a
   * task that failed long ago does not hold inserts back for ever); null when Stratus does not
   * create the kind.
   */
  String pendingSql() {
    if (!holdsBackForCreates || parent != null) {
      return null;
    }
    return """
        SELECT COUNT(*) FROM %s WHERE region_id = :region AND %s AND %s <> '%s'
           AND created_at > DATE_SUB(NOW(3), INTERVAL 10 MINUTE)
        """
        .formatted(table, pending(""), stateColumn, goneState);
  }

  /** Whether a row is a create's whose task has not recorded the cloud's id yet. */
  private String pending(String qualifier) {
    String column = qualifier + cloudId;
    return pendingPattern == null ? column + " IS NULL" : column + " LIKE '" + pendingPattern + "'";
  }

  private boolean keepsReason() {
    return columns.stream().anyMatch(c -> c.kept() && c.name().equals("state_reason"));
  }

  /** Declares a kind's table column by column; the state column first. */
  static final class Builder<R> {
    private final ResourceKind kind;
    private String stateColumn;
    private String goneState;
    private boolean account = true;
    private String parentColumn;
    private ResourceKind parent;
    private final List<Column<R>> columns = new ArrayList<>();
    private final List<Assignment<R>> assignments = new ArrayList<>();
    private Predicate<R> endedInCloud = item -> false;
    private String endedReason;
    private final List<String> clearedWhenGone = new ArrayList<>();
    private String pendingPattern;
    private boolean holdsBackForCreates;
    private boolean revivable;

    private Builder(ResourceKind kind) {
      this.kind = kind;
      this.stateColumn = kind.endedColumn();
      this.goneState = kind.endedState();
    }

    /** The state column, kept first: the item's state as the row holds it. */
    Builder<R> state(Function<R, String> state) {
      return column(stateColumn, state::apply);
    }

    /** As {@link #state(Function)}, for a kind whose declaration does not end rows this way. */
    Builder<R> state(String column, String gone, Function<R, String> state) {
      this.stateColumn = column;
      this.goneState = gone;
      return state(state);
    }

    /**
     * The cloud lists an item as ended (deleted, released): its row is marked gone with the reason,
     * and such an item is never inserted.
     */
    Builder<R> endsWhen(Predicate<R> ended, String reason) {
      this.endedInCloud = ended;
      this.endedReason = reason;
      return this;
    }

    /** A column kept as the cloud says it. */
    Builder<R> column(String name, Function<R, Object> value) {
      columns.add(new Column<>(name, value, null, Use.KEPT));
      return this;
    }

    /** A column holding the id of {@code target}'s row whose cloud id the item names. */
    Builder<R> reference(String name, ResourceKind target, Function<R, String> cloudId) {
      columns.add(new Column<>(name, cloudId::apply, target, Use.KEPT));
      return this;
    }

    /** A column written only when the row is made. */
    Builder<R> inserted(String name, Function<R, Object> value) {
      columns.add(new Column<>(name, value, null, Use.INSERTED));
      return this;
    }

    /** A reference written only when the row is made. */
    Builder<R> insertedReference(String name, ResourceKind target, Function<R, String> cloudId) {
      columns.add(new Column<>(name, cloudId::apply, target, Use.INSERTED));
      return this;
    }

    /** An assignment the update also makes, with one parameter, e.g. {@code x = ?}. */
    Builder<R> updates(String assignment, Function<R, Object> value) {
      assignments.add(new Assignment<>(assignment, value));
      return this;
    }

    /** An assignment marking a row gone also makes, e.g. {@code server_id = NULL}. */
    Builder<R> whenGone(String assignment) {
      clearedWhenGone.add(assignment);
      return this;
    }

    /**
     * The table holds neither {@code region_id} nor {@code cloud_account_id}: a row belongs to the
     * row of {@code parent} its {@code column} names, which is the region's (a firewall's rules).
     * The column is written on insert through {@link #insertedReference}.
     */
    Builder<R> belongsTo(String column, ResourceKind parent) {
      this.parentColumn = column;
      this.parent = parent;
      return this;
    }

    /** The table has no {@code cloud_account_id}: its rows are the region's. */
    Builder<R> withoutAccount() {
      this.account = false;
      return this;
    }

    /**
     * Stratus creates the kind: while a create is in flight, items unknown to Stratus are not
     * inserted (see {@link CachedKind#pendingSql()}). A create's row holds no cloud id yet.
     */
    Builder<R> holdsBackForCreates() {
      this.holdsBackForCreates = true;
      return this;
    }

    /**
     * As {@link #holdsBackForCreates()}, for a create whose row holds a cloud id that matches
     * {@code pattern} (a {@code LIKE} pattern) until its task records the real one.
     */
    Builder<R> holdsBackForCreatesNamed(String pattern) {
      this.pendingPattern = pattern;
      return holdsBackForCreates();
    }

    /** A row marked gone comes back when the cloud lists its item again (products, places). */
    Builder<R> revivable() {
      this.revivable = true;
      return this;
    }

    KindTable<R> build() {
      return new KindTable<>(this);
    }
  }
}
