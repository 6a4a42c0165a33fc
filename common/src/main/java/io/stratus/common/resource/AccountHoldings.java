package io.stratus.common.resource;

import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.common.resource.kinds.Network;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a cloud account still holds in the cloud that Stratus started there: servers not terminated,
 * volumes, snapshots, firewalls and images made from servers not deleted, addresses not released
 * (each kind's declared {@code ended} condition). The Dispatcher refuses to remove an account while
 * it holds any (removing it would leave them running and billed with nobody watching); the console
 * shows the same counts before it asks.
 */
public final class AccountHoldings {
  /** {@code count} live resources of one kind, {@code what} naming them ("server(s)"). */
  public record Held(long count, String what) {
    @Override
    public String toString() {
      return count + " " + what;
    }
  }

  private record Live(ResourceKind kind, String what, String also) {
    String countSql() {
      return "SELECT COUNT(*) FROM "
          + kind.table()
          + " "
          + kind.alias()
          + " WHERE "
          + kind.alias()
          + ".cloud_account_id = ? AND NOT ("
          + kind.ended()
          + ")"
          + also;
    }
  }

  private static final List<Live> LIVE =
      List.of(
          new Live(Infrastructure.SERVER, "server(s)", ""),
          new Live(Infrastructure.VOLUME, "volume(s)", ""),
          new Live(Infrastructure.SNAPSHOT, "snapshot(s)", ""),
          new Live(Network.IP_ADDRESS, "IP address(es)", ""),
          new Live(Network.FIREWALL, "firewall(s)", ""),
          // Images the cloud offers are not the customer's; the ones made from its servers are.
          new Live(
              Infrastructure.MACHINE_IMAGE,
              "image(s) made from servers",
              " AND i.owner_user_id IS NOT NULL"));

  private AccountHoldings() {}

  /**
   * The kinds of which the account still holds live resources, with their counts; empty when it
   * holds none. The caller has checked the account is its customer's.
   */
  public static List<Held> of(JdbcClient jdbc, long accountId) {
    List<Held> held = new ArrayList<>();
    for (Live live : LIVE) {
      long n = jdbc.sql(live.countSql()).param(accountId).query(Long.class).single();
      if (n > 0) {
        held.add(new Held(n, live.what()));
      }
    }
    return held;
  }
}
