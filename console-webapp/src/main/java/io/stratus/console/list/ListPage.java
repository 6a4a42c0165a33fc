package io.stratus.console.list;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One page of a kind's list as the {@code list} template draws it: the filters offered, the
 * labelled columns (with their sort links), the rows and whether any filter narrows them.
 *
 * @param kind how the console shows the kind
 * @param query what was asked for
 * @param filters the filters offered, in declaration order
 * @param columns the columns, in field order
 * @param rows this page's rows
 * @param sortKey the sort key asked for, or null
 * @param dir {@code asc} or {@code desc}
 */
public record ListPage(
    ConsoleKind kind,
    ListQuery query,
    List<FilterView> filters,
    List<Column> columns,
    List<Row> rows,
    String sortKey,
    String dir) {

  /** Whether a filter narrows the list (the empty list then says "No … match."). */
  public boolean narrowed() {
    return query.values().values().stream().anyMatch(v -> !v.isEmpty());
  }

  /** Whether the kind's rows end, so the page offers to show ended ones. */
  public boolean endedOffered() {
    return kind.kind().ended() != null;
  }

  /** A filter as offered: a text input ({@code TEXT}) or a select of {@code options}. */
  public record FilterView(
      String param, String label, String type, String value, List<Option> options) {}

  /** One choice of a select. */
  public record Option(String value, String text) {}

  /**
   * A column: its heading, the link sorting by it (null when it does not sort) and, when the list
   * is sorted by it, {@code ascending} or {@code descending} (for {@code aria-sort}).
   */
  public record Column(String label, String href, String sorted) {}

  /**
   * One cell: its text, the page it links to (or null), whether it is the row's state (drawn as a
   * badge), and the stored time when it is one (drawn as every page draws a time, {@code layout ::
   * when}), else null.
   */
  public record Cell(String json, String text, String href, boolean state, Object time) {
    public Cell withText(String newText) {
      return new Cell(json, newText, href, state, null);
    }
  }

  /**
   * One row: its id, each read field's stored value and linked name by JSON name, its owner, its
   * cells, and {@code extra}: what the kind's controller adds for its own actions (e.g. {@code
   * remove → true}), read by the kind's template as {@code row.extra.remove}.
   */
  public record Row(
      long id,
      Map<String, Object> values,
      Map<String, String> names,
      Object owner,
      List<Cell> cells,
      Map<String, Object> extra) {

    public Row(
        long id,
        Map<String, Object> values,
        Map<String, String> names,
        Object owner,
        List<Cell> cells) {
      this(id, values, names, owner, cells, new HashMap<>());
    }

    /** The stored value of the field {@code json} (a reference's id). */
    public Object value(String json) {
      return values.get(json);
    }

    /** The linked row's name of the reference {@code json}, or null. */
    public String name(String json) {
      return names.get(json);
    }

    /** Changes the cell of the field {@code json}, if the list shows it. */
    public void amend(String json, UnaryOperator<Cell> change) {
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i).json().equals(json)) {
          cells.set(i, change.apply(cells.get(i)));
        }
      }
    }
  }
}
