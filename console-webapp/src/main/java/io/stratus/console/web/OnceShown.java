package io.stratus.console.web;

import io.stratus.common.keys.CustomerKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A secret shown once on the page a form redirects to (POST/redirect/GET), never in a URL: the form
 * keeps it in the session, sealed with the customer's keys (sessions are rows in MySQL, and a dump
 * of them must reveal nothing), and the page takes it out as it shows it, so a refresh shows it no
 * more and sends nothing again.
 */
@Component
public class OnceShown {
  private static final String PREFIX = "stratus.once.";

  private final CustomerKeys keys;

  public OnceShown(CustomerKeys keys) {
    this.keys = keys;
  }

  /** Keeps {@code secret} for the page of {@code about} (e.g. a user id) in slot {@code slot}. */
  public void keep(
      HttpServletRequest request, long customerId, String slot, String about, String secret) {
    Map<String, String> kept = new HashMap<>();
    kept.put("about", about);
    kept.put("sealed", keys.seal(customerId, purpose(slot, about), secret));
    request.getSession().setAttribute(PREFIX + slot, kept);
  }

  /**
   * The secret kept in {@code slot} for {@code about}, removed from the session; empty when there
   * is none for it (already shown, or kept for another page, which keeps it).
   */
  public Optional<String> take(
      HttpServletRequest request, long customerId, String slot, String about) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(PREFIX + slot) instanceof Map<?, ?> kept)
        || !about.equals(kept.get("about"))) {
      return Optional.empty();
    }
    session.removeAttribute(PREFIX + slot);
    return Optional.of(keys.open(customerId, purpose(slot, about), (String) kept.get("sealed")));
  }

  /** The session's entry in {@code slot}, when there is one: what it is about. */
  public Optional<String> about(HttpServletRequest request, String slot) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(PREFIX + slot) instanceof Map<?, ?> kept
        ? Optional.ofNullable((String) kept.get("about"))
        : Optional.empty();
  }

  private static String purpose(String slot, String about) {
    return "console-once:" + slot + ":" + about;
  }
}
