package io.stratus.console.time;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How every page prints a time (as {@code @times} in the templates, through {@code layout ::
 * when(t, none)}): relative words ("3 min ago", "in 2 h") with the full time in the user's zone
 * ({@link UserZone}) as the title, and the instant for machines. Stored times are UTC {@code
 * DATETIME}s, read as {@link LocalDateTime} or {@link Timestamp}.
 */
@Component("times")
public class Times {
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final UserZone zone;
  private final Clock clock;

  public Times(UserZone zone) {
    this.zone = zone;
    this.clock = Clock.systemUTC();
  }

  /** The stored value as an instant, or null for null; a local date-time is UTC. */
  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    } else if (value instanceof Instant i) {
      return i;
    } else if (value instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    } else if (value instanceof Timestamp t) {
      return t.toInstant();
    } else if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    } else if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalArgumentException("not a time: " + value.getClass().getName());
  }

  /** "just now", "3 min ago", "5 h ago", "2 days ago", "in 10 min"; a date beyond 30 days. */
  public String ago(Object value) {
    return relative(instant(value), clock.instant(), zone.current());
  }

  /** The full time in the user's zone, naming the zone: "1 Mar 2026, 11:00:00 Europe/Paris". */
  public String full(Object value) {
    return full(instant(value), zone.current());
  }

  /** The instant, for a {@code <time datetime>}: "2026-03-01T10:00:00Z". */
  public String iso(Object value) {
    Instant i = instant(value);
    return i == null ? null : i.toString();
  }

  /** The name of the zone pages are printed in now: "Europe/Paris", "UTC". */
  public String zone() {
    return name(zone.current());
  }

  static String full(Instant at, ZoneId in) {
    return at == null ? null : FULL.format(at.atZone(in)) + " " + name(in);
  }

  static String name(ZoneId in) {
    return in.equals(ZoneOffset.UTC) ? "UTC" : in.getId();
  }

  static String relative(Instant at, Instant now, ZoneId in) {
    if (at == null) {
      return null;
    }
    Duration d = Duration.between(at, now);
    boolean past = !d.isNegative();
    long seconds = Math.abs(d.getSeconds());
    String amount;
    if (seconds < 45) {
      return past ? "just now" : "in a moment";
    } else if (seconds < 3600) {
      amount = Math.max(1, Math.round(seconds / 60.0)) + " min";
    } else if (seconds < 86400) {
      amount = Math.round(seconds / 3600.0) + " h";
    } else if (seconds < 30 * 86400L) {
      long days = Math.round(seconds / 86400.0);
      amount = days + (days == 1 ? " day" : " days");
    } else {
      return (past ? "" : "on ") + DATE.format(at.atZone(in));
    }
    if (amount.startsWith("60 min")) {
      amount = "1 h";
    } else if (amount.startsWith("24 h")) {
      amount = "1 day";
    }
    return past ? amount + " ago" : "in " + amount;
  }
}
