package io.stratus.console.list;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.common.db.Like;
import io.stratus.common.resource.DetailLevel;
import io.stratus.common.resource.Field;
import io.stratus.common.resource.FieldType;
import io.stratus.common.resource.Filter;
import io.stratus.common.resource.KindSql;
import io.stratus.common.resource.Ownership;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.ResourceKinds;
import io.stratus.common.resource.SortKey;
import io.stratus.console.ConsoleSettings;
import io.stratus.console.list.ListPage.Cell;
import io.stratus.console.list.ListPage.Column;
import io.stratus.console.list.ListPage.FilterView;
import io.stratus.console.list.ListPage.Option;
import io.stratus.console.list.ListPage.Row;
import io.stratus.console.web.Paging;
import io.stratus.console.web.Reads;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one list path of the console: reads a page of a kind's rows from its declaration and puts it
 * in the model as {@code list} (with the {@code pager}) for the {@code list} template. The right
 * that reads the kind is required and its qualifier narrows the rows ({@link KindSql}); the
 * declared filters with a console parameter are offered (an id as a select of the customer's rows,
 * a text matched ignoring case with {@code %} and {@code _} literal, a value as a select of those
 * stored); the declared sort keys sort it either way, the id breaking ties; and ended rows are
 * hidden unless {@code ended=1}. A kind's controller calls {@link #show} and adds its own actions
 * to the rows.
 */
@Component
public class KindList {
  private final Reads reads;
  private final int pageSize;

  public KindList(Reads reads, ConsoleSettings settings) {
    this.reads = reads;
    this.pageSize = settings.pageSize();
  }

  /**
   * Reads the page the request asks for into the model; returns it for the kind's own additions.
   */
  public ListPage show(
      ConsoleKind console, Access access, HttpServletRequest request, Model model) {
    ResourceKind kind = console.kind();
    Qualifier q = access.require(kind.right(), "read");
    ListQuery query = ListQuery.read(kind, request::getParameter);
    Map<String, Object> params = KindSql.parameters(access);
    String visible = KindSql.where(kind, access, q) + ended(kind, query.ended());

    StringBuilder where = new StringBuilder(visible);
    int n = 0;
    for (Filter f : kind.filters()) {
      String value = f.consoleParam() == null ? "" : query.values().get(f.consoleParam());
      if (value.isEmpty()) {
        continue;
      }
      String p = "filter" + n++;
      switch (f.type()) {
        case ID -> {
          where.append(" AND ").append(f.sql()).append(" = :").append(p);
          params.put(p, Long.parseLong(value));
        }
        case TEXT -> {
          where.append(" AND ").append(Like.containsIgnoringCase(f.sql(), p));
          params.put(p, Like.containing(value));
        }
        case VALUE -> {
          where.append(" AND ").append(f.sql()).append(" = :").append(p);
          params.put(p, value);
        }
      }
    }

    KindSql.Select select = KindSql.select(kind, level(kind), KindSql.Names.CONSOLE, true);
    String dir = query.descending() ? " DESC" : " ASC";
    String order =
        " ORDER BY "
            + (query.sort() == null ? "" : query.sort().sql() + dir + ", ")
            + kind.idSql()
            + dir;
    Paging paging = Paging.of(query.page(), pageSize);
    String sql =
        "SELECT " + select.columns() + select.from() + where + order + paging.clause(params);
    List<Row> rows =
        paging.rows(
            reads.jdbc().sql(sql).params(params).query((rs, i) -> row(console, select, rs)).list(),
            request,
            model);

    List<FilterView> filters = new ArrayList<>();
    for (Filter f : kind.filters()) {
      if (f.consoleParam() != null) {
        filter(kind, f, query.values().get(f.consoleParam()), access, visible)
            .ifPresent(filters::add);
      }
    }
    ListPage page =
        new ListPage(
            console,
            query,
            filters,
            columns(kind, query, request),
            rows,
            query.sort() == null ? null : query.sort().key(),
            query.descending() ? "desc" : "asc");
    model.addAttribute("list", page);
    return page;
  }

  /** The condition hiding ended rows, or "" when they are shown or never end. */
  static String ended(ResourceKind kind, boolean shown) {
    return kind.ended() == null || shown ? "" : " AND (" + kind.ended() + ") IS NOT TRUE";
  }

  /** The details level that reads every labelled field (and the basic ones actions need). */
  private static DetailLevel level(ResourceKind kind) {
    DetailLevel level = DetailLevel.BASIC;
    for (Field f : kind.fields()) {
      if (f.label() != null && f.level().compareTo(level) > 0) {
        level = f.level();
      }
    }
    return level;
  }

  private static Row row(ConsoleKind console, KindSql.Select select, ResultSet rs)
      throws SQLException {
    Map<String, Object> values = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    List<Field> fields = select.fields();
    for (int i = 0; i < fields.size(); i++) {
      values.put(fields.get(i).json(), JdbcUtils.getResultSetValue(rs, select.positions()[i]));
      if (select.namePositions()[i] > 0) {
        names.put(fields.get(i).json(), rs.getString(select.namePositions()[i]));
      }
    }
    long id = ((Number) values.get(console.kind().id().json())).longValue();
    List<Cell> cells = new ArrayList<>();
    for (Field f : fields) {
      if (f.label() != null) {
        cells.add(cell(console, f, id, values.get(f.json()), names.get(f.json())));
      }
    }
    // The owning user: the ownership column where the kind is owned, else its owning user field
    // (an image's, which may be shared).
    Object owner = select.ownerUser() > 0 ? rs.getObject(select.ownerUser()) : null;
    for (int i = 0; owner == null && i < fields.size(); i++) {
      if ("User".equals(fields.get(i).link())) {
        owner = values.get(fields.get(i).json());
      }
    }
    return new Row(id, values, names, owner, cells);
  }

  private static Cell cell(ConsoleKind console, Field f, long id, Object value, String name) {
    boolean reference = f.type() == FieldType.REF || f.type() == FieldType.REF_LIST;
    String text;
    if (value == null) {
      text = "—";
    } else if (reference) {
      text = name != null ? name : String.valueOf(value);
    } else if (f.type() == FieldType.BOOLEAN) {
      text = truthy(value) ? "yes" : "no";
    } else if (f.type() == FieldType.MICROS) {
      text = BigDecimal.valueOf(((Number) value).longValue(), 6).toPlainString();
    } else {
      text = String.valueOf(value);
    }
    String unit = console.units().get(f.json());
    if (value != null && unit != null) {
      text = text + " " + unit;
    }
    String href = null;
    if (reference) {
      href = ConsoleKind.pageOf(f.link(), value).orElse(null);
    } else if (console.pages() && f.json().equals("name")) {
      href = console.path() + "/" + id;
    }
    Object time = f.type() == FieldType.TIME ? value : null;
    return new Cell(f.json(), text, href, f.json().equals(console.state()), time);
  }

  private static boolean truthy(Object value) {
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }

  /** The columns: each labelled field, its heading linking to sort by it where a key sorts it. */
  private static List<Column> columns(
      ResourceKind kind, ListQuery query, HttpServletRequest request) {
    List<Column> columns = new ArrayList<>();
    for (Field f : kind.fields()) {
      if (f.label() == null) {
        continue;
      }
      Optional<SortKey> key =
          kind.sorts().stream().filter(s -> s.label().equals(f.label())).findFirst();
      if (key.isEmpty()) {
        columns.add(new Column(f.label(), null, null));
        continue;
      }
      boolean current = key.get().equals(query.sort());
      // A first click sorts ascending; a click on the current ascending column reverses it.
      String dir = current && !query.descending() ? "desc" : "asc";
      String sorted = current ? (query.descending() ? "descending" : "ascending") : null;
      columns.add(new Column(f.label(), sortLink(request, key.get().key(), dir), sorted));
    }
    return columns;
  }

  /** This list's address with {@code sort} and {@code dir} set, its filters kept, from page 0. */
  static String sortLink(HttpServletRequest request, String key, String dir) {
    String query = request.getQueryString();
    return UriComponentsBuilder.fromUriString(
            request.getRequestURI() + (query == null ? "" : "?" + query))
        .replaceQueryParam("sort", key)
        .replaceQueryParam("dir", dir)
        .replaceQueryParam("page")
        .build()
        .toUriString();
  }

  /** A filter as offered, with its choices; empty when the user may not see them. */
  private Optional<FilterView> filter(
      ResourceKind kind, Filter f, String value, Access access, String visible) {
    String type = f.type().name();
    return switch (f.type()) {
      case TEXT -> Optional.of(new FilterView(f.consoleParam(), f.label(), type, value, List.of()));
      case VALUE -> {
        // The values the rows the user sees hold (ended ones only when they are shown).
        Set<String> stored = new LinkedHashSet<>();
        for (Map<String, Object> r :
            reads.rows(
                "SELECT DISTINCT " + f.sql() + " AS v" + base(kind) + visible + " ORDER BY v",
                KindSql.parameters(access))) {
          stored.add(String.valueOf(r.get("v")));
        }
        if (!value.isEmpty()) {
          stored.add(value);
        }
        List<Option> options = stored.stream().map(v -> new Option(v, v)).toList();
        yield Optional.of(new FilterView(f.consoleParam(), f.label(), type, value, options));
      }
      case ID ->
          idOptions(kind, f, access)
              .map(options -> new FilterView(f.consoleParam(), f.label(), type, value, options));
    };
  }

  /** {@code FROM} the kind's table and the joins every read of it needs. */
  private static String base(ResourceKind kind) {
    StringBuilder from = new StringBuilder(" FROM ").append(kind.table()).append(' ');
    from.append(kind.alias());
    for (String join : kind.joins()) {
      from.append(' ').append(join.strip());
    }
    return from.toString();
  }

  /**
   * The rows an id filter chooses among: the linked kind's rows the user may read (not ended),
   * named, with their account's name where they have one; the customer's cloud accounts for a link
   * to an account while accounts are not a declared kind. Geography and the customer's own rows
   * (kinds without an owner) are offered to whoever lists the kind, since its rows show their names
   * anyway; an owned kind's rows only with its read right, narrowed by it.
   */
  private Optional<List<Option>> idOptions(ResourceKind kind, Filter f, Access access) {
    String link =
        kind.fields().stream()
            .filter(x -> x.sql().equals(f.sql()) && x.link() != null)
            .map(Field::link)
            .findFirst()
            .orElse(null);
    Optional<ResourceKind> declared = link == null ? Optional.empty() : ResourceKinds.named(link);
    if (declared.isEmpty()) {
      if (!"Account".equals(link)) {
        return Optional.empty();
      }
      return Optional.of(
          options(
              "SELECT id, name FROM cloud_account WHERE customer_id = :customer ORDER BY name, id",
              access,
              false));
    }
    ResourceKind linked = declared.get();
    Qualifier q = access.qualifier(linked.right(), "read");
    if (q == null) {
      boolean unowned =
          linked.ownership() == Ownership.CUSTOMER || linked.ownership() == Ownership.CATALOGUE;
      if (!unowned) {
        return Optional.empty();
      }
      q = Qualifier.ANY;
    }
    Field name =
        linked
            .field("name")
            .orElseGet(
                () ->
                    linked.fields().stream()
                        .filter(x -> x.label() != null && x.type() == FieldType.STRING)
                        .findFirst()
                        .orElse(linked.id()));
    Optional<Field> account =
        linked.fields().stream()
            .filter(x -> "Account".equals(x.link()) && x.nameSql() != null)
            .findFirst();
    StringBuilder sql = new StringBuilder("SELECT ").append(linked.idSql()).append(" AS id, ");
    sql.append(name.sql()).append(" AS name");
    account.ifPresent(a -> sql.append(", ").append(a.nameSql()).append(" AS account"));
    sql.append(base(linked));
    account
        .filter(a -> a.nameJoin() != null)
        .ifPresent(a -> sql.append(' ').append(a.nameJoin().strip()));
    sql.append(KindSql.where(linked, access, q)).append(ended(linked, false));
    sql.append(" ORDER BY ");
    account.ifPresent(a -> sql.append(a.nameSql()).append(", "));
    sql.append(name.sql()).append(", ").append(linked.idSql());
    return Optional.of(options(sql.toString(), access, account.isPresent()));
  }

  private List<Option> options(String sql, Access access, boolean withAccount) {
    List<Option> options = new ArrayList<>();
    for (Map<String, Object> r : reads.rows(sql, KindSql.parameters(access))) {
      String text = String.valueOf(r.get("name"));
      if (withAccount) {
        text = text + " (" + r.get("account") + ")";
      }
      options.add(new Option(String.valueOf(r.get("id")), text));
    }
    return options;
  }
}
