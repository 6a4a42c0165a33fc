package io.stratus.common.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One kind of resource, declared once: where its rows live and who may see them, what enStratus
 * calls it, its fields (JSON names, types, details levels, the form of "none"), its filters, its
 * sort keys and its links to other kinds. The API's list and get, the OpenAPI document and the
 * console's list pages are all read from it. Declarations are in {@link ResourceKinds}; build one
 * with {@link #builder}.
 *
 * @param name enStratus' type name, e.g. {@code Snapshot}
 * @param family enStratus' family, e.g. {@code infrastructure}
 * @param collection the JSON name of a list of them, e.g. {@code snapshots}
 * @param what how a message names one, e.g. {@code snapshot} ("snapshot 4 does not exist")
 * @param table the table, e.g. {@code snapshot}
 * @param alias the table's alias in every expression, e.g. {@code x}
 * @param right the resource a user's rights name to read it, e.g. {@code snapshot}
 * @param ownership who among the customer's users sees a row
 * @param ownerAlias the alias whose {@code owner_user_id}/{@code owner_group_id} decide ownership
 *     (the kind's own, or a joined parent's)
 * @param joins joins every read needs (e.g. the parent that owns the row)
 * @param fields the fields, id first, in the order they are written
 * @param filters the filters a list takes
 * @param sorts the orders a list may be sorted in (besides the id)
 * @param ended the condition that says a row has ended (removed, released, terminated); null when
 *     rows never end. The console hides ended rows unless asked; the API lists them as before.
 * @param cloudIdColumn the column of the cloud's id for the row, e.g. {@code provider_snapshot_id},
 *     by which the cache workers match rows and the cloud's items; null for kinds not kept from a
 *     cloud
 * @param endedColumn the state column that says a row has ended, e.g. {@code state}; null when
 *     {@code ended} is a condition of another form or rows never end
 * @param endedState the value of {@code endedColumn} of an ended row, e.g. {@code deleted}
 */
public record ResourceKind(
    String name,
    String family,
    String collection,
    String what,
    String table,
    String alias,
    String right,
    Ownership ownership,
    String ownerAlias,
    List<String> joins,
    List<Field> fields,
    List<Filter> filters,
    List<SortKey> sorts,
    String ended,
    String cloudIdColumn,
    String endedColumn,
    String endedState) {

  public ResourceKind {
    joins = List.copyOf(joins);
    fields = List.copyOf(fields);
    filters = List.copyOf(filters);
    sorts = List.copyOf(sorts);
    if (fields.isEmpty() || fields.get(0).type() != FieldType.ID) {
      throw new IllegalArgumentException(name + ": the first field must be the id");
    }
  }

  /** The id field, e.g. {@code snapshotId}. */
  public Field id() {
    return fields.get(0);
  }

  /** The path below the API's version, e.g. {@code infrastructure/Snapshot}. */
  public String path() {
    return family + "/" + name;
  }

  /** The expression of the kind's id, e.g. {@code x.id}. */
  public String idSql() {
    return id().sql();
  }

  public Optional<Field> field(String json) {
    return fields.stream().filter(f -> f.json().equals(json)).findFirst();
  }

  public Optional<Filter> filter(String param) {
    return filters.stream().filter(f -> f.param().equals(param)).findFirst();
  }

  public Optional<SortKey> sort(String key) {
    return sorts.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** The fields an answer at {@code details} shows, in order. */
  public List<Field> fieldsAt(DetailLevel details) {
    List<Field> shown = new ArrayList<>();
    for (Field f : fields) {
      if (details.shows(f.level())) {
        shown.add(f);
      }
    }
    return shown;
  }

  /**
   * Starts a declaration.
   *
   * @param name enStratus' type name
   * @param family enStratus' family
   * @param collection the JSON name of a list
   */
  public static Builder builder(String name, String family, String collection) {
    return new Builder(name, family, collection);
  }

  /** Declares a kind field by field; modifiers after a field apply to that field. */
  public static final class Builder {
    private final String name;
    private final String family;
    private final String collection;
    private String what;
    private String table;
    private String alias;
    private String right;
    private Ownership ownership = Ownership.CUSTOMER;
    private String ownerAlias;
    private final List<String> joins = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final List<Filter> filters = new ArrayList<>();
    private final List<SortKey> sorts = new ArrayList<>();
    private String ended;
    private String cloudIdColumn;
    private String endedColumn;
    private String endedState;

    private Builder(String name, String family, String collection) {
      this.name = name;
      this.family = family;
      this.collection = collection;
    }

    /** The table and its alias; the right defaults to the table's name. */
    public Builder table(String tableName, String tableAlias) {
      this.table = tableName;
      this.alias = tableAlias;
      if (right == null) {
        right = tableName;
      }
      if (what == null) {
        what = tableName.replace('_', ' ');
      }
      return this;
    }

    /** The resource a right names to read the kind, when not the table's name. */
    public Builder right(String resource) {
      this.right = resource;
      return this;
    }

    /** How messages name one, when not the table's name with spaces. */
    public Builder what(String words) {
      this.what = words;
      return this;
    }

    /** Who sees a row; ownership columns on the kind's own table. */
    public Builder ownership(Ownership rule) {
      return ownership(rule, null);
    }

    /** Who sees a row; ownership columns on the table with {@code columnsAlias}. */
    public Builder ownership(Ownership rule, String columnsAlias) {
      this.ownership = rule;
      this.ownerAlias = columnsAlias;
      return this;
    }

    /** A join every read needs. */
    public Builder join(String clause) {
      joins.add(clause);
      return this;
    }

    /** The id field, read from {@code alias.id}. */
    public Builder id(String json) {
      return add(Field.of(json, alias + ".id", FieldType.ID).withLevel(DetailLevel.NONE));
    }

    public Builder string(String json, String sql) {
      return add(Field.of(json, sql, FieldType.STRING));
    }

    /**
     * The cloud's id of the row, a string field read from the kind's own {@code column}: the key by
     * which the cache workers match rows and the cloud's items.
     */
    public Builder cloudId(String json, String column) {
      this.cloudIdColumn = column;
      return string(json, alias + "." + column);
    }

    /** A stored state shown in upper case, as enStratus shows states. */
    public Builder upper(String json, String sql) {
      return add(Field.of(json, sql, FieldType.STRING).withText(ResourceKind::upper));
    }

    /** A string shown through {@code shown}. */
    public Builder string(String json, String sql, UnaryOperator<String> shown) {
      return add(Field.of(json, sql, FieldType.STRING).withText(shown));
    }

    public Builder integer(String json, String sql) {
      return add(Field.of(json, sql, FieldType.INT));
    }

    public Builder number(String json, String sql) {
      return add(Field.of(json, sql, FieldType.LONG));
    }

    public Builder bool(String json, String sql) {
      return add(Field.of(json, sql, FieldType.BOOLEAN));
    }

    public Builder time(String json, String sql) {
      return add(Field.of(json, sql, FieldType.TIME));
    }

    /** A time written as enStratus wrote it ({@link FieldType#DIALECT_TIME}). */
    public Builder dialectTime(String json, String sql) {
      return add(Field.of(json, sql, FieldType.DIALECT_TIME));
    }

    /**
     * A field the enStratus dialect defines that Stratus holds no value for (a budget before
     * billing codes exist): always written as {@code null}, the dialect's "none", never invented.
     */
    public Builder alwaysNull(String json) {
      return add(Field.of(json, "NULL", FieldType.LONG).withAbsent(Absent.NULL));
    }

    public Builder micros(String json, String sql) {
      return add(Field.of(json, sql, FieldType.MICROS));
    }

    /** A string column written as a one-element list, {@code []} when null. */
    public Builder stringList(String json, String sql) {
      return add(Field.of(json, sql, FieldType.STRING_LIST).withAbsent(Absent.EMPTY_LIST));
    }

    /** A reference to a row of kind {@code link} (null when it is not a kind). */
    public Builder ref(String json, String refId, String sql, String link) {
      return add(Field.ref(json, refId, sql, link, FieldType.REF));
    }

    /** A reference written as a one-element list. */
    public Builder refList(String json, String refId, String sql, String link) {
      return add(Field.ref(json, refId, sql, link, FieldType.REF_LIST));
    }

    /** The customer the row belongs to, {@code "customer": {"customerId": N}}. */
    public Builder customer() {
      return ref("customer", "customerId", alias + ".customer_id", null);
    }

    /** The last field appears only in extended answers. */
    public Builder extended() {
      return replaceLast(last().withLevel(DetailLevel.EXTENDED));
    }

    /** The last field is written as {@code null} when it has no value. */
    public Builder nullWhenAbsent() {
      return replaceLast(last().withAbsent(Absent.NULL));
    }

    /**
     * The last field (a reference) is written as a reference to nothing ({@code {"dataCenterId":
     * null}}) when it has no value.
     */
    public Builder emptyWhenAbsent() {
      Field ref = last();
      if (ref.type() != FieldType.REF) {
        throw new IllegalStateException(name + ": only a reference is empty, not " + ref.json());
      }
      return replaceLast(ref.withAbsent(Absent.EMPTY_REF));
    }

    /**
     * The last field (a reference) has a name, read by {@code nameSql} through {@code join}, that
     * extended API answers add to it and the console shows.
     */
    public Builder named(String nameSql, String join) {
      return replaceLast(last().withName(nameSql, true, join));
    }

    /** As {@link #named}, but only the console shows the name. */
    public Builder consoleName(String nameSql, String join) {
      return replaceLast(last().withName(nameSql, false, join));
    }

    /** The last field's expression needs this join. */
    public Builder via(String join) {
      return replaceLast(last().withJoin(join));
    }

    /**
     * The last field (a reference) also writes the related row's {@code json}, a string read by
     * {@code sql} (through the kind's joins), inside its object after the id.
     */
    public Builder part(String json, String sql) {
      return part(Field.of(json, sql, FieldType.STRING));
    }

    /** As {@link #part}, for a whole number (e.g. the id of a further related row). */
    public Builder numberPart(String json, String sql) {
      return part(Field.of(json, sql, FieldType.LONG));
    }

    private Builder part(Field part) {
      Field ref = last();
      if (ref.type() != FieldType.REF) {
        throw new IllegalStateException(name + ": only a reference has parts, not " + ref.json());
      }
      return replaceLast(ref.withPart(part));
    }

    /** The console's list shows the last field under this heading. */
    public Builder label(String heading) {
      return replaceLast(last().withLabel(heading));
    }

    public Builder filter(
        String param, String consoleParam, String sql, Filter.Type type, String label) {
      filters.add(new Filter(param, consoleParam, sql, type, label));
      return this;
    }

    public Builder sort(String key, String sql, String label) {
      sorts.add(new SortKey(key, sql, label));
      return this;
    }

    /** The condition under which a row has ended. */
    public Builder ended(String condition) {
      this.ended = condition;
      return this;
    }

    /** A row has ended when its {@code column} holds {@code state}. */
    public Builder ended(String column, String state) {
      this.endedColumn = column;
      this.endedState = state;
      return ended("%s.%s = '%s'".formatted(alias, column, state));
    }

    public ResourceKind build() {
      return new ResourceKind(
          name,
          family,
          collection,
          what,
          table,
          alias,
          right,
          ownership,
          ownerAlias == null ? alias : ownerAlias,
          joins,
          fields,
          filters,
          sorts,
          ended,
          cloudIdColumn,
          endedColumn,
          endedState);
    }

    private Builder add(Field f) {
      if (table == null) {
        throw new IllegalStateException(name + ": declare the table before the fields");
      }
      fields.add(f);
      return this;
    }

    private Field last() {
      if (fields.isEmpty()) {
        throw new IllegalStateException(name + ": no field to modify yet");
      }
      return fields.get(fields.size() - 1);
    }

    private Builder replaceLast(Field f) {
      fields.set(fields.size() - 1, f);
      return this;
    }
  }

  static String upper(String stored) {
    return stored.toUpperCase(Locale.ROOT);
  }
}
