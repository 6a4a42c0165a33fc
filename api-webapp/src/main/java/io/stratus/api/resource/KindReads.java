package io.stratus.api.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.api.web.PageCursors;
import io.stratus.api.web.PageRequest;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.common.resource.Filter;
import io.stratus.common.resource.KindSql;
import io.stratus.common.resource.Ownership;
import io.stratus.common.resource.ResourceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every read of a declared kind, in SQL made from its declaration ({@link KindSql}): a listing (the
 * customer's rows the caller's right reaches, filtered, fixed to the rows that existed when it
 * began, a page at a time by id), its count, one row by id, and {@link #check} for the actions that
 * load a row and authorise the caller on it before asking the Dispatcher.
 */
public final class KindReads {
  private final JdbcClient jdbc;
  private final PageCursors cursors = new PageCursors(20_000);

  public KindReads(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  /**
   * One listing: its conditions and their parameters.
   *
   * @param key what tells this listing from others, for the remembered page starts
   */
  record Listing(
      ResourceKind kind, String where, Map<String, Object> params, long snapshot, String key) {}

  /**
   * The caller's listing of {@code kind} with the filters given (parameter to value as sent), fixed
   * at {@code snapshot} or, when null, at the highest id now.
   */
  Listing listing(ResourceKind kind, Access access, Map<Filter, String> filters, Long snapshot) {
    Qualifier q = access.require(kind.right(), "read");
    String idSql = kind.idSql();
    Map<String, Object> params = KindSql.parameters(access);
    long upTo =
        snapshot != null
            ? snapshot
            : jdbc.sql(
                    "SELECT COALESCE(MAX("
                        + idSql
                        + "), 0) FROM "
                        + kind.table()
                        + " "
                        + kind.alias()
                        + customer(kind))
                .params(params)
                .query(Long.class)
                .single();
    StringBuilder where = new StringBuilder(KindSql.where(kind, access, q));
    where.append(" AND ").append(idSql).append(" <= :snapshot");
    params.put("snapshot", upTo);
    int n = 0;
    for (Map.Entry<Filter, String> filter : filters.entrySet()) {
      String param = "f" + n++;
      where.append(" AND ").append(condition(filter.getKey(), param));
      params.put(param, value(filter.getKey(), filter.getValue()));
    }
    String key =
        kind.name()
            + "/"
            + access.customerId()
            + "/"
            + upTo
            + "/"
            + where
            + "/"
            + (KindSql.narrowing(kind, access, q).isEmpty() ? "" : access.parameters())
            + "/"
            + filters.values();
    return new Listing(kind, where.toString(), params, upTo, key);
  }

  /** How many rows the whole listing has. */
  long count(Listing listing) {
    return jdbc.sql("SELECT COUNT(*)" + from(listing.kind()) + listing.where())
        .params(listing.params())
        .query(Long.class)
        .single();
  }

  /**
   * Writes the page's rows as array elements; returns the id of the next page's first row, or 0
   * when this page is the last.
   */
  long page(Listing listing, PageRequest paging, KindWriter writer, JsonGenerator json) {
    ResourceKind kind = listing.kind();
    String idSql = kind.idSql();
    String key = listing.key() + "/" + paging.size();
    // Where the page starts: remembered from the previous page when this instance served it,
    // else found by an index-only walk, so a deep page costs a walk of the index, not of the rows.
    // Then the page itself is one range read from there.
    Long first = paging.page() == 1 ? Long.valueOf(0) : cursors.start(key, paging.page());
    if (first == null) {
      first =
          jdbc.sql(
                  "SELECT "
                      + idSql
                      + from(kind)
                      + listing.where()
                      + " ORDER BY "
                      + idSql
                      + " LIMIT 1 OFFSET "
                      + paging.offset())
              .params(listing.params())
              .query(Long.class)
              .optional()
              .orElse(null);
    }
    if (first == null) {
      return 0;
    }
    Map<String, Object> params = new HashMap<>(listing.params());
    params.put("first", first);
    KindSql.Select select = writer.select();
    String sql =
        "SELECT "
            + select.columns()
            + select.from()
            + listing.where()
            + " AND "
            + idSql
            + " >= :first ORDER BY "
            + idSql
            + " LIMIT "
            + (paging.size() + 1);
    int size = paging.size();
    long next =
        jdbc.sql(sql)
            .params(params)
            .query((ResultSetExtractor<Long>) rs -> writer.write(rs, size, json));
    if (next != 0) {
      cursors.remember(key, paging.page() + 1, next);
    }
    return next;
  }

  /**
   * Writes the row {@code id} as the caller may read it; 404 when there is none, 403 when not its.
   */
  void one(Access access, long id, KindWriter writer, JsonGenerator json) {
    KindSql.Select select = writer.select();
    load(
        writer.kind(),
        access,
        "read",
        id,
        select.columns() + select.from(),
        select.ownerUser(),
        select.ownerGroup(),
        rs -> writer.row(rs, json));
  }

  /**
   * Loads the row {@code id} for {@code action}: 404 when the customer has none the caller's right
   * reaches (as a read would), 403 when the right to {@code action} does not reach it. Action
   * endpoints call it before they ask the Dispatcher.
   */
  public void check(ResourceKind kind, Access access, String action, long id) {
    String owners =
        KindSql.owned(kind)
            ? kind.ownerAlias()
                + ".owner_user_id"
                + (kind.ownership() == Ownership.USER_AND_GROUP
                    ? ", " + kind.ownerAlias() + ".owner_group_id"
                    : ", NULL")
            : "NULL, NULL";
    load(kind, access, action, id, owners + from(kind), 1, 2, rs -> {});
  }

  /** What is done with a row once it is found and the caller authorised on it. */
  private interface Found {
    void accept(ResultSet rs) throws SQLException;
  }

  /**
   * Reads {@code SELECT <columnsAndFrom>} for the row {@code id}, authorises {@code action} on it
   * by its owner columns ({@code ownerUser}, {@code ownerGroup}; 0 when not read) and hands it to
   * {@code found}; 404 when there is no such row.
   */
  private void load(
      ResourceKind kind,
      Access access,
      String action,
      long id,
      String columnsAndFrom,
      int ownerUser,
      int ownerGroup,
      Found found) {
    Qualifier q = access.require(kind.right(), action);
    Boolean exists =
        jdbc.sql("SELECT " + columnsAndFrom + byId(kind, access, q))
            .params(byIdParams(access, id))
            .query(
                (ResultSetExtractor<Boolean>)
                    rs -> {
                      if (!rs.next()) {
                        return false;
                      }
                      authorise(
                          kind, access, q, action, owner(rs, ownerUser), owner(rs, ownerGroup));
                      found.accept(rs);
                      return true;
                    });
    if (!Boolean.TRUE.equals(exists)) {
      throw ApiException.notFound(kind.what(), id);
    }
  }

  private static void authorise(
      ResourceKind kind, Access access, Qualifier q, String action, Long user, Long group) {
    if (KindSql.owned(kind) && !access.owns(q, user, group)) {
      throw ApiException.forbidden(
          "you may " + action + " only your own " + kind.right() + " resources");
    }
  }

  private static Long owner(ResultSet rs, int column) throws SQLException {
    if (column == 0) {
      return null;
    }
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /**
   * The conditions of a read by id: the customer's row; narrowed in the WHERE for kinds whose rows
   * the caller does not reach are simply not found (shared), checked after for owned kinds (403).
   */
  private static String byId(ResourceKind kind, Access access, Qualifier q) {
    String narrowing = KindSql.owned(kind) ? "" : KindSql.narrowing(kind, access, q);
    return customer(kind) + narrowing + " AND " + kind.idSql() + " = :id";
  }

  private static Map<String, Object> byIdParams(Access access, long id) {
    Map<String, Object> params = KindSql.parameters(access);
    params.put("id", id);
    return params;
  }

  private static String customer(ResourceKind kind) {
    return kind.ownership() == Ownership.CATALOGUE
        ? " WHERE 1 = 1"
        : " WHERE " + kind.alias() + ".customer_id = :customer";
  }

  /** The kind's table and the joins every read of it needs (e.g. the parent that owns it). */
  private static String from(ResourceKind kind) {
    StringBuilder from = new StringBuilder(" FROM ").append(kind.table()).append(' ');
    from.append(kind.alias());
    for (String join : kind.joins()) {
      from.append(' ').append(join.strip());
    }
    return from.toString();
  }

  private static String condition(Filter f, String param) {
    return switch (f.type()) {
      case ID, VALUE -> f.sql() + " = :" + param;
      case TEXT -> "LOWER(" + f.sql() + ") LIKE :" + param + " ESCAPE '!'";
    };
  }

  private static Object value(Filter f, String given) {
    return switch (f.type()) {
      case ID -> Json.pathId(given, f.param());
      case VALUE -> given;
      case TEXT ->
          "%"
              + given
                  .toLowerCase(Locale.ROOT)
                  .replace("!", "!!")
                  .replace("%", "!%")
                  .replace("_", "!_")
              + "%";
    };
  }
}
