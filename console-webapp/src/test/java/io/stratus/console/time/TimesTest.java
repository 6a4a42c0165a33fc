package io.stratus.console.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static String ago(String at) {
    return Times.relative(Instant.parse(at), NOW, ZoneOffset.UTC);
  }

  @Test
  void shouldSayHowLongAgoInWords() {
    assertEquals("just now", ago("2026-03-01T09:59:30Z"));
    assertEquals("1 min ago", ago("2026-03-01T09:59:00Z"));
    assertEquals("3 min ago", ago("2026-03-01T09:57:00Z"));
    assertEquals("1 h ago", ago("2026-03-01T09:00:30Z"));
    assertEquals("5 h ago", ago("2026-03-01T05:00:00Z"));
    assertEquals("1 day ago", ago("2026-02-28T10:00:00Z"));
    assertEquals("12 days ago", ago("2026-02-17T10:00:00Z"));
    assertEquals("3 Jan 2026", ago("2026-01-03T10:00:00Z"));
  }

  @Test
  void shouldSayHowFarAheadInWords() {
    assertEquals("in 10 min", ago("2026-03-01T10:10:00Z"));
    assertEquals("in 2 h", ago("2026-03-01T12:00:00Z"));
    assertEquals("in 29 days", ago("2026-03-30T10:00:00Z"));
    assertEquals("on 1 Jun 2026", ago("2026-06-01T10:00:00Z"));
  }

  @Test
  void shouldPrintTheFullTimeInTheUsersZoneNamingIt() {
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    assertEquals("1 Mar 2026, 11:00:00 Europe/Paris", Times.full(at, ZoneId.of("Europe/Paris")));
    assertEquals("1 Mar 2026, 19:00:00 Asia/Tokyo", Times.full(at, ZoneId.of("Asia/Tokyo")));
    assertEquals("1 Mar 2026, 10:00:00 UTC", Times.full(at, ZoneOffset.UTC));
  }

  @Test
  void shouldReadStoredUtcDateTimesAsInstants() {
    assertEquals(NOW, Times.instant(LocalDateTime.of(2026, 3, 1, 10, 0)));
    assertEquals(NOW, Times.instant(Timestamp.from(NOW)));
    assertEquals(null, Times.instant(null));
  }

  @Test
  void shouldTakeOnlyRealZoneNames() {
    assertEquals(ZoneId.of("Europe/Paris"), UserZone.parse("Europe/Paris").orElseThrow());
    assertEquals(true, UserZone.parse("Mars/Olympus").isEmpty());
    assertEquals(true, UserZone.parse("").isEmpty());
    assertEquals(true, UserZone.parse("x".repeat(65)).isEmpty());
  }
}
