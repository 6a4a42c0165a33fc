package io.stratus.console.server;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A server's scheduled termination and scheduled stop (the API's {@code terminateAfter} and {@code
 * pauseAfter}): set "in N minutes, hours or days", or cancelled, from the server's page, which
 * shows what is scheduled. The Dispatcher keeps and carries out the schedule; each form answers
 * with a redirect back to the server's page.
 */
@Controller
public class ServerScheduleController {
  /** What can be scheduled: the form's value, the right it needs, the Dispatcher's route. */
  private record Kind(String right, String route, Set<String> states) {}

  private static final Map<String, Kind> KINDS =
      Map.of(
          "terminate",
          new Kind(
              "terminate",
              "terminate-after",
              Set.of("pending", "running", "stopping", "stopped", "rebooting", "error")),
          "stop",
          new Kind("stop", "pause-after", Set.of("pending", "running", "rebooting")));

  private static final Map<String, ChronoUnit> UNITS =
      Map.of("minutes", ChronoUnit.MINUTES, "hours", ChronoUnit.HOURS, "days", ChronoUnit.DAYS);

  /** The longest a schedule may be set ahead, as the Dispatcher allows. */
  private static final Duration LONGEST = Duration.ofDays(3660);

  private final Reads reads;
  private final DispatcherClient dispatcher;
  private final Clock clock;

  public ServerScheduleController(Reads reads, DispatcherClient dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.clock = Clock.systemUTC();
  }

  /**
   * What the user may schedule on this server now ({@code terminate}, {@code stop}), for the
   * server's page; a row of {@code SELECT s.*} of the server.
   */
  static List<String> options(Access access, Map<String, Object> server) {
    List<String> options = new ArrayList<>();
    for (String what : List.of("stop", "terminate")) {
      Kind kind = KINDS.get(what);
      if (mayOn(access, kind.right(), server)
          && kind.states().contains(String.valueOf(server.get("state")))) {
        options.add(what);
      }
    }
    return options;
  }

  /** Sets a schedule {@code amount} {@code unit} from now. */
  @PostMapping("/servers/{id}/schedule")
  String schedule(
      Access access,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String what,
      @RequestParam String amount,
      @RequestParam String unit) {
    Kind kind = kind(what);
    ChronoUnit chrono = UNITS.get(unit);
    if (chrono == null) {
      throw new BadInput("the time is given in minutes, hours or days");
    }
    long n;
    try {
      n = Long.parseLong(amount.strip());
    } catch (NumberFormatException e) {
      throw new BadInput("how long until then is a whole number");
    }
    if (n < 1
        || Duration.of(1, chrono).multipliedBy(Math.min(n, 10_000_000)).compareTo(LONGEST) > 0) {
      throw new BadInput("a schedule is at least one minute and at most 3660 days ahead");
    }
    requireOn(access, kind, id);
    Map<String, Object> body = new HashMap<>();
    body.put("at", clock.instant().plus(n, chrono).toString());
    dispatcher.ask(
        Session.actor(access, request), "PUT", "/servers/" + id + "/" + kind.route(), body);
    return "redirect:/servers/" + id;
  }

  /** Cancels a schedule. */
  @PostMapping("/servers/{id}/schedule/cancel")
  String cancel(
      Access access, HttpServletRequest request, @PathVariable long id, @RequestParam String what) {
    Kind kind = kind(what);
    requireOn(access, kind, id);
    Map<String, Object> body = new HashMap<>();
    body.put("at", null);
    dispatcher.ask(
        Session.actor(access, request), "PUT", "/servers/" + id + "/" + kind.route(), body);
    return "redirect:/servers/" + id;
  }

  private static Kind kind(String what) {
    Kind kind = KINDS.get(what);
    if (kind == null) {
      throw new BadInput("a server's termination or stop can be scheduled, not " + what);
    }
    return kind;
  }

  private void requireOn(Access access, Kind kind, long id) {
    Qualifier q = access.require("server", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Map<String, Object> server =
        reads.one(
            "SELECT owner_user_id, owner_group_id FROM server WHERE id = :id"
                + " AND customer_id = :customer"
                + access.filter(q, ""),
            params,
            "server",
            id);
    access.requireOn(
        "server",
        kind.right(),
        number(server.get("owner_user_id")),
        number(server.get("owner_group_id")));
  }

  private static boolean mayOn(Access access, String right, Map<String, Object> server) {
    Qualifier granted = access.qualifier("server", right);
    return granted != null
        && access.owns(
            granted, number(server.get("owner_user_id")), number(server.get("owner_group_id")));
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
