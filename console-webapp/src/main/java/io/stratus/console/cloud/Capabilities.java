package io.stratus.console.cloud;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.console.web.Reads;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud account can do, as taken when it was registered: the launch wizard and the pages
 * offer only what it allows (the Dispatcher refuses the rest anyway).
 */
public final class Capabilities {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Capabilities() {}

  /** The account's capabilities, or empty while it is not active. */
  public static Optional<CapabilitySnapshot> of(Reads reads, long customerId, long accountId) {
    return reads
        .rows(
            "SELECT status, capabilities FROM cloud_account WHERE id = :id AND customer_id = :customer",
            Map.of("id", accountId, "customer", customerId))
        .stream()
        .findFirst()
        .filter(row -> "active".equals(row.get("status")) && row.get("capabilities") != null)
        .map(row -> parse((String) row.get("capabilities")));
  }

  /** Every active account of the customer with its capabilities, in one read. */
  public static Map<Long, CapabilitySnapshot> ofActiveAccounts(Reads reads, long customerId) {
    Map<Long, CapabilitySnapshot> byAccount = new java.util.HashMap<>();
    for (Map<String, Object> row :
        reads.rows(
            "SELECT id, capabilities FROM cloud_account WHERE customer_id = :customer"
                + " AND status = 'active' AND capabilities IS NOT NULL",
            Map.of("customer", customerId))) {
      byAccount.put(((Number) row.get("id")).longValue(), parse((String) row.get("capabilities")));
    }
    return byAccount;
  }

  private static CapabilitySnapshot parse(String json) {
    try {
      return JSON.readValue(json, CapabilitySnapshot.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable account capabilities", e);
    }
  }
}
