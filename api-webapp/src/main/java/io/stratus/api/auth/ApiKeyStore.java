package io.stratus.api.auth;

import io.stratus.common.keys.CustomerKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys: an access key (public) and a secret key, which belongs to one user of one customer. The
 * secret is needed to check signatures, so it is kept sealed with the customer's own keys ({@link
 * CustomerKeys#seal}, purpose {@code api-key:<access key>}), never in the clear; it is shown once,
 * when the key is generated.
 */
public final class ApiKeyStore {
  private static final char[] ACCESS_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a signature check needs: the key's owner and state, and the sealed secret. */
  public record KeyRecord(
      long id,
      long customerId,
      long userId,
      String accessKey,
      String sealedSecret,
      String status,
      Instant expiresAt,
      boolean customerActive,
      boolean userActive,
      Grants grants) {

    KeyRecord withGrants(Grants g) {
      return new KeyRecord(
          id,
          customerId,
          userId,
          accessKey,
          sealedSecret,
          status,
          expiresAt,
          customerActive,
          userActive,
          g);
    }

    /** Why the key cannot be used now, or empty when it can. */
    public Optional<String> refusal(Instant now) {
      if (!"active".equals(status)) {
        return Optional.of("the API key has been revoked");
      }
      if (expiresAt != null && !expiresAt.isAfter(now)) {
        return Optional.of("the API key has expired");
      }
      if (!customerActive || !userActive) {
        return Optional.of("the API key's user or customer is not active");
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "KeyRecord[" + accessKey + ", customer " + customerId + ", user " + userId + "]";
    }
  }

  /** A key as listed: never the secret. */
  public record KeyView(
      long id,
      long customerId,
      long userId,
      String accessKey,
      String name,
      String status,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt) {

    /**
     * How the key stands at {@code now}: REVOKED, EXPIRED (past its expiration: it signs nothing,
     * as {@link KeyRecord#refusal} says) or ACTIVE.
     */
    public String state(Instant now) {
      if (!"active".equals(status)) {
        return status.toUpperCase(Locale.ROOT);
      }
      return expiresAt != null && !expiresAt.isAfter(now) ? "EXPIRED" : "ACTIVE";
    }
  }

  /** A new key with its secret, shown once. */
  public record NewKey(String accessKey, String secretKey) {
    @Override
    public String toString() {
      return "NewKey[" + accessKey + "]";
    }
  }

  private final JdbcClient reads;
  private final JdbcClient writes;
  private final CustomerKeys keys;

  public ApiKeyStore(DataSource reads, DataSource primary, CustomerKeys keys) {
    this.reads = JdbcClient.create(reads);
    this.writes = JdbcClient.create(primary);
    this.keys = keys;
  }

  /** What a user's roles grant (resource/action → qualifier) and which groups it is in. */
  public record Grants(Map<String, String> rights, Set<Long> groups) {}

  /**
   * The key with this access key, with its owner's state, and (in the same round trip) what its
   * user's roles and groups' roles grant: one query authenticates and authorizes a request.
   */
  public Optional<KeyRecord> find(String accessKey) {
    KeyRecord[] key = new KeyRecord[1];
    Map<String, String> rights = new HashMap<>();
    Set<Long> groups = new HashSet<>();
    reads
        .sql(
            """
            SELECT 'K' AS kind, k.id, k.customer_id, k.user_id, k.access_key, k.secret_ciphertext,
                   k.status, k.expires_at, c.status AS customer_status, u.status AS user_status,
                   NULL AS resource_type, NULL AS action, NULL AS qualifier, NULL AS group_id
              FROM api_key k
              JOIN customer c ON c.id = k.customer_id
              JOIN user_account u ON u.id = k.user_id AND u.customer_id = k.customer_id
             WHERE k.access_key = :access
            UNION ALL
            SELECT 'R', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   rr.resource_type, rr.action, rr.qualifier, NULL
              FROM api_key k
              JOIN role_right rr ON rr.customer_id = k.customer_id
             WHERE k.access_key = :access
               AND rr.role_id IN (
                     SELECT ur.role_id FROM user_role ur
                      WHERE ur.user_id = k.user_id AND ur.customer_id = k.customer_id
                     UNION
                     SELECT gr.role_id FROM group_role gr
                       JOIN group_member gm ON gm.group_id = gr.group_id
                      WHERE gm.user_id = k.user_id AND gm.customer_id = k.customer_id
                        AND gr.customer_id = k.customer_id)
            UNION ALL
            SELECT 'G', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   gm.group_id
              FROM api_key k
              JOIN group_member gm ON gm.user_id = k.user_id AND gm.customer_id = k.customer_id
             WHERE k.access_key = :access
            """)
        .param("access", accessKey)
        .query(
            rs -> {
              switch (rs.getString("kind")) {
                case "K" -> {
                  Timestamp expires = rs.getTimestamp("expires_at");
                  key[0] =
                      new KeyRecord(
                          rs.getLong("id"),
                          rs.getLong("customer_id"),
                          rs.getLong("user_id"),
                          rs.getString("access_key"),
                          new String(rs.getBytes("secret_ciphertext"), StandardCharsets.UTF_8),
                          rs.getString("status"),
                          expires == null ? null : expires.toInstant(),
                          "active".equals(rs.getString("customer_status")),
                          "active".equals(rs.getString("user_status")),
                          null);
                }
                case "R" ->
                    rights.merge(
                        rs.getString("resource_type") + "/" + rs.getString("action"),
                        rs.getString("qualifier"),
                        ApiKeyStore::wider);
                default -> groups.add(rs.getLong("group_id"));
              }
            });
    if (key[0] == null) {
      return Optional.empty();
    }
    return Optional.of(key[0].withGrants(new Grants(Map.copyOf(rights), Set.copyOf(groups))));
  }

  private static final List<String> QUALIFIERS = List.of("MINE", "GROUP", "ANY");

  private static String wider(String a, String b) {
    return QUALIFIERS.indexOf(a) >= QUALIFIERS.indexOf(b) ? a : b;
  }

  /** Opens the key's secret, for a signature check; it is never logged or returned. */
  public String secret(KeyRecord key) {
    return keys.open(key.customerId(), purpose(key.accessKey()), key.sealedSecret());
  }

  /** Generates a key for the user; the answer holds the secret, which is not kept in the clear. */
  public NewKey create(long customerId, long userId, String name, Instant expiresAt) {
    String accessKey = random(ACCESS_ALPHABET, 20);
    String secret = random(SECRET_ALPHABET, 40);
    String sealed = keys.seal(customerId, purpose(accessKey), secret);
    writes
        .sql(
            """
            INSERT INTO api_key (customer_id, user_id, access_key, secret_ciphertext, name, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        .params(
            customerId,
            userId,
            accessKey,
            sealed.getBytes(StandardCharsets.UTF_8),
            name,
            expiresAt == null ? null : Timestamp.from(expiresAt))
        .update();
    return new NewKey(accessKey, secret);
  }

  /** The customer's keys, or only one user's. */
  public List<KeyView> list(long customerId, Long userId) {
    return reads
        .sql(
            """
            SELECT id, customer_id, user_id, access_key, name, status, created_at, expires_at,
                   revoked_at
              FROM api_key
             WHERE customer_id = :customer AND (:user IS NULL OR user_id = :user)
             ORDER BY id
            """)
        .param("customer", customerId)
        .param("user", userId)
        .query(
            (rs, n) ->
                new KeyView(
                    rs.getLong("id"),
                    rs.getLong("customer_id"),
                    rs.getLong("user_id"),
                    rs.getString("access_key"),
                    rs.getString("name"),
                    rs.getString("status"),
                    instant(rs.getTimestamp("created_at")),
                    instant(rs.getTimestamp("expires_at")),
                    instant(rs.getTimestamp("revoked_at"))))
        .list();
  }

  public Optional<KeyView> get(long customerId, String accessKey) {
    return list(customerId, null).stream().filter(k -> k.accessKey().equals(accessKey)).findFirst();
  }

  /** Revokes the key; a revoked key signs nothing from then on. */
  public boolean revoke(long customerId, String accessKey) {
    return writes
            .sql(
                """
                UPDATE api_key SET status = 'revoked', revoked_at = CURRENT_TIMESTAMP(3)
                 WHERE customer_id = ? AND access_key = ? AND status = 'active'
                """)
            .params(customerId, accessKey)
            .update()
        > 0;
  }

  static String purpose(String accessKey) {
    return "api-key:" + accessKey;
  }

  private static String random(char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
    }
    return new String(out);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
