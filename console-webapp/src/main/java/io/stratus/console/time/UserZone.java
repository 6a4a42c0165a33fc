package io.stratus.console.time;

import io.stratus.console.signin.ConsoleUser;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The time zone a request's pages print times in: the user's own choice ({@code
 * user_account.time_zone}, set on {@code /me/time-zone}), else the browser's (the console's script
 * keeps it in the {@value #COOKIE} cookie), else UTC. Read once per request.
 */
@Component
public class UserZone {
  /** The cookie the console's script sets to the browser's IANA zone name. */
  public static final String COOKIE = "stratus_tz";

  private static final String ATTRIBUTE = UserZone.class.getName();

  private final Reads reads;

  public UserZone(Reads reads) {
    this.reads = reads;
  }

  /** The zone of the current request, or UTC outside one. */
  public ZoneId current() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
      return of(a.getRequest());
    }
    return ZoneOffset.UTC;
  }

  public ZoneId of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof ZoneId zone) {
      return zone;
    }
    ZoneId zone = chosen(Session.user()).or(() -> browsers(request)).orElse(ZoneOffset.UTC);
    request.setAttribute(ATTRIBUTE, zone);
    return zone;
  }

  /** The user's own choice, if it made one. */
  public Optional<ZoneId> chosen(ConsoleUser user) {
    if (user == null) {
      return Optional.empty();
    }
    return reads
        .rows(
            "SELECT time_zone FROM user_account WHERE id = :id AND customer_id = :customer",
            Map.of("id", user.userId(), "customer", user.customerId()))
        .stream()
        .findFirst()
        .map(row -> (String) row.get("time_zone"))
        .flatMap(UserZone::parse);
  }

  /** The browser's zone, as its script last said. */
  public static Optional<ZoneId> browsers(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return Optional.empty();
    }
    for (Cookie c : request.getCookies()) {
      if (COOKIE.equals(c.getName())) {
        return parse(
            java.net.URLDecoder.decode(c.getValue(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** A region-based zone name (Europe/Paris, UTC), or empty for anything else. */
  public static Optional<ZoneId> parse(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(name.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
