package io.stratus.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stratus.api.Api;
import io.stratus.api.auth.ApiKeyStore;
import io.stratus.api.auth.ApiKeyStore.KeyView;
import io.stratus.api.auth.ApiKeyStore.NewKey;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/ApiKey}: generate (the secret is in that answer and never again), list, show and
 * revoke API keys. A key belongs to a user; with a MINE or GROUP right a user sees and manages only
 * its own keys. API keys are identity, not cloud resources: they are written here, not through the
 * Dispatcher.
 */
@RestController
@RequestMapping(Api.BASE + "/admin/ApiKey")
public class ApiKeyController {
  /**
   * enStratus ties a key to one cloud account; a Stratus key acts for its user in every account, so
   * {@code account} is there, in the dialect's form, with no account in it.
   */
  private static final Map<String, Object> NOT_TIED_TO_AN_ACCOUNT =
      Json.object("accountId", NullNode.getInstance());

  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]{8,64}");
  private final ApiKeyStore keys;
  private final JdbcClient jdbc;
  private final Clock clock;

  public ApiKeyController(ApiKeyStore keys, DataSource reads, Clock clock) {
    this.keys = keys;
    this.jdbc = JdbcClient.create(reads);
    this.clock = clock;
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    Qualifier q = access.require("api_key", "read");
    List<Map<String, Object>> views =
        keys.list(access.customerId(), q == Qualifier.ANY ? null : access.userId()).stream()
            .map(this::view)
            .toList();
    return Map.of("apiKeys", views);
  }

  @GetMapping("/{accessKey}")
  public Map<String, Object> get(Access access, @PathVariable String accessKey) {
    KeyView key = find(access, accessKey);
    access.requireOn("api_key", "read", key.userId(), null);
    return Map.of("apiKeys", List.of(view(key)));
  }

  /**
   * {@code {"generateApiKey":[{"name":..., "expiration":"2027-01-01T00:00:00Z", "user":{"userId":
   * N}}]}}; every field optional, the user defaults to the caller. 201 with the secret, shown once.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> generate(Access access, @RequestBody JsonNode body) {
    JsonNode request = Json.action(body, "generateApiKey");
    Long userId = Json.nestedId(request, "user", "userId");
    long owner = userId == null ? access.userId() : userId;
    access.requireOn("api_key", "create", owner, null);
    boolean known =
        jdbc.sql("SELECT COUNT(*) FROM user_account WHERE id = ? AND customer_id = ?")
                .params(owner, access.customerId())
                .query(Long.class)
                .single()
            > 0;
    if (!known) {
      throw ApiException.notFound("user", owner);
    }
    String name = Json.text(request, "name", 200);
    Instant expires = expiration(request.get("expiration"));
    NewKey created = keys.create(access.customerId(), owner, name, expires);
    Map<String, Object> view =
        Json.object(
            "accessKey", created.accessKey(),
            "secretKey", created.secretKey(),
            "name", name,
            "state", "ACTIVE",
            "expiration", Json.time(expires),
            "user", Json.ref("userId", owner),
            "customer", Json.ref("customerId", access.customerId()));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("apiKeys", List.of(view)));
  }

  /** Revokes a key: 204; it signs nothing from then on. */
  @DeleteMapping("/{accessKey}")
  public ResponseEntity<Void> revoke(Access access, @PathVariable String accessKey) {
    KeyView key = find(access, accessKey);
    access.requireOn("api_key", "remove", key.userId(), null);
    keys.revoke(access.customerId(), key.accessKey());
    return ResponseEntity.noContent().build();
  }

  private KeyView find(Access access, String accessKey) {
    if (!ACCESS_KEY.matcher(accessKey).matches()) {
      throw ApiException.badRequest("not an access key");
    }
    return keys.get(access.customerId(), accessKey)
        .orElseThrow(() -> ApiException.notFound("API key", accessKey));
  }

  private Instant expiration(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Instant when;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      when = Instant.ofEpochMilli(node.asLong());
    } else if (node.isTextual()) {
      try {
        when = Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "expiration must be an ISO-8601 instant (2027-01-01T00:00:00Z) or epoch milliseconds");
      }
    } else {
      throw ApiException.badRequest("expiration must be a time");
    }
    if (!when.isAfter(clock.instant())) {
      throw ApiException.badRequest("expiration must be in the future");
    }
    if (when.isAfter(Instant.parse("9999-01-01T00:00:00Z"))) {
      throw ApiException.badRequest("expiration is too far in the future");
    }
    return when;
  }

  private Map<String, Object> view(KeyView key) {
    return Json.object(
        "accessKey", key.accessKey(),
        "name", key.name(),
        "description", NullNode.getInstance(),
        "state", key.state(clock.instant()),
        "account", NOT_TIED_TO_AN_ACCOUNT,
        "systemManagementKey", false,
        "customerManagementKey", false,
        "createdTimestamp", Json.time(key.createdAt()),
        "expiration", Json.time(key.expiresAt()),
        "revokedTimestamp", Json.time(key.revokedAt()),
        "user", Json.ref("userId", key.userId()),
        "customer", Json.ref("customerId", key.customerId()));
  }
}
