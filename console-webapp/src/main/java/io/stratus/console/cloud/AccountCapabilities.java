package io.stratus.console.cloud;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.web.Reads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The capabilities of each of a customer's active cloud accounts, read once for a page that lists
 * resources of several accounts, and the helpers those pages share to decide what to offer on one
 * row: the user's right on it (reaching its owner) and its account's capability.
 */
public final class AccountCapabilities {
  private final Map<Long, CapabilitySnapshot> byAccount;

  private AccountCapabilities(Map<Long, CapabilitySnapshot> byAccount) {
    this.byAccount = byAccount;
  }

  /** The capabilities of every active account of the customer, read in one query. */
  public static AccountCapabilities load(Reads reads, long customerId) {
    return new AccountCapabilities(Capabilities.ofActiveAccounts(reads, customerId));
  }

  /** The capabilities of an active account, or empty. */
  public Optional<CapabilitySnapshot> of(Object accountId) {
    return accountId instanceof Number n
        ? Optional.ofNullable(byAccount.get(n.longValue()))
        : Optional.empty();
  }

  /** Whether the (active) account of a row allows something. */
  public boolean allows(Object accountId, Predicate<CapabilitySnapshot> test) {
    return of(accountId).map(test::test).orElse(false);
  }

  /**
   * The regions of the customer's active accounts whose capabilities pass the test: id, name,
   * account_id, account.
   */
  public List<Map<String, Object>> regions(
      Reads reads, long customerId, Predicate<CapabilitySnapshot> test) {
    List<Map<String, Object>> regions = new ArrayList<>();
    for (Map<String, Object> row :
        reads.rows(
            """
            SELECT r.id, r.name, a.id AS account_id, a.name AS account
              FROM region r JOIN cloud_account a ON a.id = r.cloud_account_id
             WHERE r.customer_id = :customer AND a.status = 'active'
             ORDER BY a.name, r.name
            """,
            Map.of("customer", customerId))) {
      if (allows(row.get("account_id"), test)) {
        regions.add(row);
      }
    }
    return regions;
  }

  /** Whether the user may take the action on a resource owned by this user (or by nobody). */
  public static boolean may(Access access, String resource, String action, Object ownerUser) {
    Qualifier q = access.qualifier(resource, action);
    return q != null && access.owns(q, owner(ownerUser), null);
  }

  public static Long owner(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  public static long id(Object value) {
    return ((Number) value).longValue();
  }

  /**
   * The running or stopped servers the user sees, which could be given a volume or an address: id,
   * name, region_id, state.
   */
  public static List<Map<String, Object>> servers(Access access, Reads reads) {
    Qualifier q = access.qualifier("server", "read");
    if (q == null) {
      return List.of();
    }
    return reads.rows(
        "SELECT id, name, region_id, state FROM server WHERE customer_id = :customer"
            + " AND state IN ('running', 'stopped')"
            + access.filter(q, "")
            + " ORDER BY name",
        Reads.params(access));
  }
}
