package io.stratus.console.list;

import io.stratus.common.resource.Filter;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.SortKey;
import io.stratus.console.web.BadInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What a list page is asked for, read from its query parameters and checked against the kind's
 * declaration: each console filter's value ({@code ""} when not given), the sort key and direction,
 * whether ended rows are shown ({@code ended=1}) and the page. A value the console cannot use is a
 * {@link BadInput} (400), never a failure of the query.
 *
 * @param values each offered filter's value by its console parameter, in declaration order
 * @param sort the chosen sort key, or null for the default (newest first)
 * @param descending whether the order is reversed
 * @param ended whether ended rows are shown too
 * @param page the page, from 0
 */
public record ListQuery(
    Map<String, String> values, SortKey sort, boolean descending, boolean ended, int page) {
  /** The longest text a TEXT filter takes. */
  static final int TEXT_LIMIT = 200;

  /** A stored value such as a state: letters, digits, {@code _ - .}. */
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public ListQuery {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Reads the query of a list of {@code kind}; {@code param} gives a parameter's value or null. */
  public static ListQuery read(ResourceKind kind, UnaryOperator<String> param) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Filter f : kind.filters()) {
      if (f.consoleParam() != null) {
        values.put(f.consoleParam(), value(f, param.apply(f.consoleParam())));
      }
    }
    String sortKey = blank(param.apply("sort"));
    SortKey sort = null;
    if (!sortKey.isEmpty()) {
      sort =
          kind.sort(sortKey)
              .orElseThrow(
                  () ->
                      new BadInput(
                          "a list of "
                              + kind.what()
                              + "s sorts by "
                              + String.join(", ", kind.sorts().stream().map(SortKey::key).toList())
                              + ", not "
                              + sortKey));
    }
    String dir = blank(param.apply("dir"));
    boolean descending =
        switch (dir) {
          case "" -> sort == null;
          case "asc" -> false;
          case "desc" -> true;
          default -> throw new BadInput("the direction must be asc or desc");
        };
    boolean ended =
        switch (blank(param.apply("ended"))) {
          case "", "0" -> false;
          case "1" -> true;
          default -> throw new BadInput("ended must be 1 (show ended ones too) or left out");
        };
    if (ended && kind.ended() == null) {
      ended = false;
    }
    String pageText = blank(param.apply("page"));
    int page;
    try {
      page = pageText.isEmpty() ? 0 : Math.max(0, Integer.parseInt(pageText));
    } catch (NumberFormatException e) {
      throw new BadInput("the page must be a number");
    }
    return new ListQuery(values, sort, descending, ended, page);
  }

  private static String value(Filter f, String given) {
    String v = blank(given);
    switch (f.type()) {
      case ID -> {
        if (v.isEmpty() || v.equals("0")) {
          return "";
        }
        try {
          if (Long.parseLong(v) > 0) {
            return v;
          }
        } catch (NumberFormatException e) {
          // refused below
        }
        throw new BadInput(
            "the "
                + f.label().toLowerCase(java.util.Locale.ROOT)
                + " must be chosen from the list");
      }
      case TEXT -> {
        if (v.length() > TEXT_LIMIT) {
          throw new BadInput(
              "the "
                  + f.label().toLowerCase(java.util.Locale.ROOT)
                  + " filter takes at most "
                  + TEXT_LIMIT
                  + " characters");
        }
        return v;
      }
      case VALUE -> {
        if (!v.isEmpty() && !VALUE.matcher(v).matches()) {
          throw new BadInput(
              "the "
                  + f.label().toLowerCase(java.util.Locale.ROOT)
                  + " must be chosen from the list");
        }
        return v;
      }
    }
    throw new IllegalStateException(f.type().toString());
  }

  private static String blank(String value) {
    return value == null ? "" : value.strip();
  }
}
