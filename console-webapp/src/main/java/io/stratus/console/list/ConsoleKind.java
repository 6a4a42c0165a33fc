package io.stratus.console.list;

import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.common.resource.kinds.Network;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the console shows a declared resource kind: where its list is, what its elements are called
 * and which of its fields is its state. Columns, filters, sort keys and the ended rule are the
 * kind's own declaration ({@link ResourceKind}); this adds only what is the console's.
 *
 * @param kind the declaration
 * @param path the list's address, e.g. {@code /volumes}
 * @param stem what element ids start with: {@code volume-list}, {@code volume-4}, {@code
 *     volume-state-4}
 * @param plural how the page names them, e.g. {@code IP addresses} (title and "No IP addresses.")
 * @param pages whether each has a page of its own at {@code path/<id>} (its name links there, and
 *     so do other kinds' references to it)
 * @param state the JSON name of the field shown as a state badge, or null
 * @param units a unit written after a field's value, by JSON name (e.g. {@code sizeInGb → GB})
 * @param endedWord what an ended one is, for the filter that shows them ("Show deleted volumes
 *     too")
 * @param actions whether its rows have actions of their own (an Actions column, drawn by the kind's
 *     template)
 */
public record ConsoleKind(
    ResourceKind kind,
    String path,
    String stem,
    String plural,
    boolean pages,
    String state,
    Map<String, String> units,
    String endedWord,
    boolean actions) {

  public ConsoleKind {
    units = Map.copyOf(units);
  }

  public static final ConsoleKind SERVER =
      new ConsoleKind(
          Infrastructure.SERVER,
          "/servers",
          "server",
          "servers",
          true,
          "currentState",
          Map.of(),
          "terminated",
          false);
  public static final ConsoleKind MACHINE_IMAGE =
      new ConsoleKind(
          Infrastructure.MACHINE_IMAGE,
          "/images",
          "image",
          "images",
          false,
          "status",
          Map.of(),
          "deleted",
          true);
  public static final ConsoleKind VOLUME =
      new ConsoleKind(
          Infrastructure.VOLUME,
          "/volumes",
          "volume",
          "volumes",
          false,
          "currentState",
          Map.of("sizeInGb", "GB"),
          "deleted",
          true);
  public static final ConsoleKind SNAPSHOT =
      new ConsoleKind(
          Infrastructure.SNAPSHOT,
          "/snapshots",
          "snapshot",
          "snapshots",
          false,
          "status",
          Map.of("sizeInGb", "GB"),
          "deleted",
          true);
  public static final ConsoleKind IP_ADDRESS =
      new ConsoleKind(
          Network.IP_ADDRESS,
          "/ip-addresses",
          "ip",
          "IP addresses",
          false,
          "status",
          Map.of(),
          "released",
          true);
  public static final ConsoleKind FIREWALL =
      new ConsoleKind(
          Network.FIREWALL,
          "/firewalls",
          "firewall",
          "firewalls",
          true,
          "status",
          Map.of(),
          "deleted",
          false);

  /** Every kind the console lists. */
  public static final List<ConsoleKind> ALL =
      List.of(SERVER, MACHINE_IMAGE, VOLUME, SNAPSHOT, IP_ADDRESS, FIREWALL);

  /**
   * Pages of things that are not declared kinds (yet) but that references link to, by the name a
   * declaration's {@code link} gives them.
   */
  private static final Map<String, String> OTHER_PAGES = Map.of("Account", "/accounts");

  /** The console's page of the thing a reference to {@code link} points at, if it has one. */
  public static Optional<String> pageOf(String link, Object id) {
    if (link == null || id == null) {
      return Optional.empty();
    }
    for (ConsoleKind k : ALL) {
      if (k.kind.name().equals(link)) {
        return k.pages ? Optional.of(k.path + "/" + id) : Optional.empty();
      }
    }
    return Optional.ofNullable(OTHER_PAGES.get(link)).map(p -> p + "/" + id);
  }

  /** The page's title: the plural with a capital. */
  public String title() {
    return Character.toUpperCase(plural.charAt(0)) + plural.substring(1);
  }
}
