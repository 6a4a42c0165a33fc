package io.stratus.common.resource;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL that reads a kind, built from its declaration the same way for the API and the console:
 * the columns an answer needs (by position, in field order), the joins they need, the customer's
 * rows, and the narrowing by the caller's right.
 */
public final class KindSql {
  private KindSql() {}

  /**
   * What a read selects.
   *
   * @param columns the SELECT list
   * @param from {@code FROM table alias} and the joins the columns need
   * @param fields the fields read, in order
   * @param positions for each of {@code fields}, its column (1-based)
   * @param namePositions for each of {@code fields}, its name's column, or 0 when not read
   * @param partPositions for each of {@code fields}, the columns of its {@link Field#parts()}
   * @param ownerUser the column of the owning user, or 0 when not read
   * @param ownerGroup the column of the owning group, or 0 when not read
   */
  public record Select(
      String columns,
      String from,
      List<Field> fields,
      int[] positions,
      int[] namePositions,
      int[][] partPositions,
      int ownerUser,
      int ownerGroup) {}

  /**
   * The columns of the fields shown at {@code details}; references' names where the API shows them
   * ({@code names == API}) or wherever declared ({@code CONSOLE}); with the owner columns when
   * {@code owners}.
   */
  public static Select select(ResourceKind kind, DetailLevel details, Names names, boolean owners) {
    List<Field> fields = kind.fieldsAt(details);
    List<String> columns = new ArrayList<>();
    Set<String> joins = new LinkedHashSet<>(kind.joins());
    int[] positions = new int[fields.size()];
    int[] namePositions = new int[fields.size()];
    int[][] partPositions = new int[fields.size()][];
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      columns.add(f.sql());
      positions[i] = columns.size();
      joins.addAll(f.joins());
      boolean withName = f.nameSql() != null && (names == Names.CONSOLE || f.namedAt(details));
      if (withName) {
        columns.add(f.nameSql());
        namePositions[i] = columns.size();
        if (f.nameJoin() != null) {
          joins.add(f.nameJoin());
        }
      }
      partPositions[i] = new int[f.parts().size()];
      for (int p = 0; p < f.parts().size(); p++) {
        columns.add(f.parts().get(p).sql());
        partPositions[i][p] = columns.size();
      }
    }
    int ownerUser = 0;
    int ownerGroup = 0;
    if (owners && owned(kind)) {
      columns.add(kind.ownerAlias() + ".owner_user_id");
      ownerUser = columns.size();
      if (kind.ownership() == Ownership.USER_AND_GROUP) {
        columns.add(kind.ownerAlias() + ".owner_group_id");
        ownerGroup = columns.size();
      }
    }
    StringBuilder from = new StringBuilder(" FROM ").append(kind.table()).append(' ');
    from.append(kind.alias());
    for (String join : joins) {
      from.append(' ').append(join.strip());
    }
    return new Select(
        String.join(", ", columns),
        from.toString(),
        fields,
        positions,
        namePositions,
        partPositions,
        ownerUser,
        ownerGroup);
  }

  /** Where names are shown. */
  public enum Names {
    /** Only where the declaration puts them in extended API answers. */
    API,
    /** Wherever declared. */
    CONSOLE
  }

  /**
   * {@code WHERE} and the conditions every read of the kind has: the caller's customer's rows
   * (named parameter {@code :customer}) and what the caller's right reaches ({@code :accessUser},
   * {@code :accessGroups}).
   */
  public static String where(ResourceKind kind, Access access, Qualifier q) {
    String customer =
        kind.ownership() == Ownership.CATALOGUE
            ? " WHERE 1 = 1"
            : " WHERE " + kind.alias() + ".customer_id = :customer";
    return customer + narrowing(kind, access, q);
  }

  /** The condition (leading {@code AND}) a list has for the caller's right; "" when none. */
  public static String narrowing(ResourceKind kind, Access access, Qualifier q) {
    return switch (kind.ownership()) {
      case CATALOGUE, CUSTOMER -> "";
      case USER -> access.userFilter(q, kind.ownerAlias());
      case USER_AND_GROUP -> access.filter(q, kind.ownerAlias());
      case USER_OR_SHARED ->
          q == Qualifier.ANY
              ? ""
              : " AND ("
                  + kind.ownerAlias()
                  + ".owner_user_id IS NULL OR "
                  + kind.ownerAlias()
                  + ".owner_user_id = :accessUser)";
    };
  }

  /** The named parameters {@link #where} uses. */
  public static Map<String, Object> parameters(Access access) {
    Map<String, Object> params = new HashMap<>(access.parameters());
    params.put("customer", access.customerId());
    return params;
  }

  /**
   * Whether a single read by id checks ownership after finding the row (403 when the right does not
   * reach it), rather than in the WHERE (not found).
   */
  public static boolean owned(ResourceKind kind) {
    return kind.ownership() == Ownership.USER || kind.ownership() == Ownership.USER_AND_GROUP;
  }
}
