package io.stratus.console.people;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.console.signin.ConsoleUser;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.NotFound;
import io.stratus.console.web.OnceShown;
import io.stratus.console.web.Reads;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API keys, as the API and {@code stratus-admin} make them: a 20-character access key and a
 * 40-character secret, kept only sealed with the customer's keys (purpose {@code api-key:<access
 * key>}) and shown once, on the page answering the creation. With an {@code api_key} right
 * qualified MINE (or GROUP) a user sees, creates and revokes its own keys; with ANY, every user's.
 */
@Controller
public class ApiKeyController {
  private static final char[] ACCESS_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]{8,64}");
  static final int MAX_DAYS = 3650;

  private final Reads reads;
  private final IdentityAudit identity;
  private final CustomerKeys keys;

  /** The session slot of a new key's secret, until the list shows it. */
  private static final String ONCE = "api-key";

  private final OnceShown once;

  public ApiKeyController(Reads reads, IdentityAudit identity, CustomerKeys keys, OnceShown once) {
    this.once = once;
    this.reads = reads;
    this.identity = identity;
    this.keys = keys;
  }

  @GetMapping("/api-keys")
  String list(Access access, HttpServletRequest request, Model model) {
    Qualifier q = access.require("api_key", "read");
    once.about(request, ONCE)
        .ifPresent(
            accessKey ->
                once.take(request, access.customerId(), ONCE, accessKey)
                    .ifPresent(
                        secret -> {
                          model.addAttribute("createdAccessKey", accessKey);
                          model.addAttribute("createdSecret", secret);
                        }));
    Map<String, Object> params = Reads.params(access);
    List<Map<String, Object>> rows =
        reads.rows(
            """
            SELECT k.access_key, k.name,
                   CASE WHEN k.status = 'active' AND k.expires_at <= CURRENT_TIMESTAMP(3)
                        THEN 'expired' ELSE k.status END AS status,
                   k.created_at, k.expires_at, k.revoked_at,
                   k.last_used_at, k.user_id, u.email
              FROM api_key k JOIN user_account u ON u.id = k.user_id
             WHERE k.customer_id = :customer
            """
                + (q == Qualifier.ANY ? "" : " AND k.user_id = :accessUser")
                + " ORDER BY k.id DESC",
            params);
    Qualifier remove = access.qualifier("api_key", "remove");
    for (Map<String, Object> row : rows) {
      long owner = ((Number) row.get("user_id")).longValue();
      row.put(
          "revocable",
          "active".equals(row.get("status")) && remove != null && access.owns(remove, owner, null));
    }
    model.addAttribute("keys", rows);
    Qualifier create = access.qualifier("api_key", "create");
    model.addAttribute("mayCreate", create != null);
    model.addAttribute(
        "owners",
        create == Qualifier.ANY
            ? reads.rows(
                "SELECT id, email FROM user_account WHERE customer_id = :customer"
                    + " AND status = 'active' ORDER BY email",
                params)
            : List.of());
    model.addAttribute("maxDays", MAX_DAYS);
    return "api-keys";
  }

  /**
   * Creates a key and redirects to the list, which shows its secret once (a refresh neither shows
   * it again nor makes another key).
   */
  @PostMapping("/api-keys")
  String create(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String expiresInDays,
      @RequestParam(defaultValue = "0") long user,
      RedirectAttributes flash) {
    long owner = user == 0 ? access.userId() : user;
    access.requireOn("api_key", "create", owner, null);
    String label = name.strip();
    if (label.length() > 200) {
      throw new BadInput("an API key's name has at most 200 characters");
    }
    Instant expires = null;
    if (!expiresInDays.isBlank()) {
      int days;
      try {
        days = Integer.parseInt(expiresInDays.strip());
      } catch (NumberFormatException e) {
        throw new BadInput("the expiry is a number of days, not '" + expiresInDays.strip() + "'");
      }
      if (days < 1 || days > MAX_DAYS) {
        throw new BadInput("the expiry is between 1 and " + MAX_DAYS + " days");
      }
      expires = Instant.now().plus(Duration.ofDays(days));
    }
    Map<String, Object> ownerRow =
        identity
            .jdbc()
            .sql("SELECT email, status FROM user_account WHERE id = ? AND customer_id = ?")
            .params(owner, access.customerId())
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElseThrow(() -> new NotFound("user", owner));
    if (!"active".equals(ownerRow.get("status"))) {
      throw new BadInput("user " + ownerRow.get("email") + " is disabled");
    }
    String accessKey = random(ACCESS_ALPHABET, 20);
    String secret = random(SECRET_ALPHABET, 40);
    String sealed = keys.seal(access.customerId(), "api-key:" + accessKey, secret);
    Timestamp expiry = expires == null ? null : Timestamp.from(expires);
    identity.write(
        IdentityAudit.actor(access, me, request),
        "api_key.create",
        "api_key",
        accessKey,
        "for " + ownerRow.get("email") + (label.isEmpty() ? "" : ", " + label),
        () ->
            identity.update(
                "INSERT INTO api_key (customer_id, user_id, access_key, secret_ciphertext, name,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                access.customerId(),
                owner,
                accessKey,
                sealed.getBytes(StandardCharsets.UTF_8),
                label.isEmpty() ? null : label,
                expiry));
    once.keep(request, access.customerId(), ONCE, accessKey, secret);
    flash.addFlashAttribute("flash", "API key " + accessKey + " created.");
    return "redirect:/api-keys";
  }

  /** Revokes a key: it signs nothing from then on. */
  @PostMapping("/api-keys/{accessKey}/revoke")
  String revoke(
      Access access, ConsoleUser me, HttpServletRequest request, @PathVariable String accessKey) {
    access.require("api_key", "remove");
    if (!ACCESS_KEY.matcher(accessKey).matches()) {
      throw new BadInput("not an access key");
    }
    Map<String, Object> key =
        identity
            .jdbc()
            .sql("SELECT user_id, status FROM api_key WHERE access_key = ? AND customer_id = ?")
            .params(accessKey, access.customerId())
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElseThrow(() -> new NotFound("API key", accessKey));
    access.requireOn("api_key", "remove", ((Number) key.get("user_id")).longValue(), null);
    if (!"active".equals(key.get("status"))) {
      throw new BadInput("API key " + accessKey + " is already revoked");
    }
    identity.write(
        IdentityAudit.actor(access, me, request),
        "api_key.revoke",
        "api_key",
        accessKey,
        null,
        () ->
            identity.update(
                "UPDATE api_key SET status = 'revoked', revoked_at = CURRENT_TIMESTAMP(3)"
                    + " WHERE access_key = ? AND customer_id = ? AND status = 'active'",
                accessKey,
                access.customerId()));
    return "redirect:/api-keys";
  }

  private static String random(char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
