package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.worker.subscriber.CacheRefresher;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The servers cache worker: lists every machine of one (account, region) from the cloud and makes
 * the {@code server} table agree: a machine launched outside Stratus is inserted, one whose state
 * or addresses changed is updated, one the cloud no longer knows is marked terminated. Each change
 * is published as an event {@code server.<customer>.<id>.<state>}.
 */
public final class ServerCacheRefresher implements CacheRefresher {
  private final JdbcClient jdbc;
  private final CloudConnector connector;
  private final EventPublisher events;

  public ServerCacheRefresher(DataSource primary, CloudConnector connector, EventPublisher events) {
    this.jdbc = JdbcClient.create(primary);
    this.connector = connector;
    this.events = Objects.requireNonNull(events, "events");
  }

  /** A server row as far as the cache worker compares it. */
  private record Known(long id, String state, String privateIp, String publicIp, String name) {}

  @Override
  public void refresh(CacheWork work) {
    Map<String, Known> known = new HashMap<>();
    jdbc.sql(
            """
            SELECT id, provider_server_id, state, private_ip, public_ip, name FROM server
             WHERE region_id = ? AND provider_server_id IS NOT NULL AND state <> 'terminated'
            """)
        .param(work.regionId())
        .query(
            rs -> {
              known.put(
                  rs.getString("provider_server_id"),
                  new Known(
                      rs.getLong("id"),
                      rs.getString("state"),
                      rs.getString("private_ip"),
                      rs.getString("public_ip"),
                      rs.getString("name")));
            });
    try (CloudProvider provider = connector.connect(work.regionId())) {
      VirtualMachineSupport vms = provider.compute().flatMap(c -> c.virtualMachines()).orElse(null);
      if (vms == null) {
        return;
      }
      PageRequest request = PageRequest.first(1000);
      while (true) {
        Page<VirtualMachine> page = vms.list(VmFilter.ALL, request);
        for (VirtualMachine vm : page.items()) {
          reconcile(work, vm, known.remove(vm.id()));
        }
        if (!page.hasNext()) {
          break;
        }
        request = request.next(page);
      }
    }
    for (Known gone : known.values()) {
      jdbc.sql(
              """
              UPDATE server SET state = 'terminated', state_reason = 'no longer known to the cloud',
                     terminated_at = NOW(3) WHERE id = ?
              """)
          .param(gone.id())
          .update();
      publish(work, gone.id(), "terminated");
    }
  }

  private void reconcile(CacheWork work, VirtualMachine vm, Known row) {
    String state = vm.state().name().toLowerCase(Locale.ROOT);
    if (row == null) {
      if (vm.state() == VmState.TERMINATED) {
        return;
      }
      Long existing =
          jdbc.sql("SELECT id FROM server WHERE region_id = ? AND provider_server_id = ?")
              .params(work.regionId(), vm.id())
              .query(Long.class)
              .optional()
              .orElse(null);
      if (existing != null) {
        return; // known and already terminated here; the cloud lags
      }
      if (vm.clientToken() != null && claimLaunched(work, vm, state)) {
        return; // our own launch, seen before its task recorded the cloud's id
      }
      jdbc.sql(
              """
              INSERT INTO server (customer_id, cloud_account_id, region_id, provider_server_id,
                                  name, state, state_reason, private_ip, public_ip, launched_at)
              VALUES (:customer, :account, :region, :provider, :name, :state, :reason,
                      :private, :public, :launched)
              """)
          .param("customer", work.customerId())
          .param("account", work.cloudAccountId())
          .param("region", work.regionId())
          .param("provider", vm.id())
          .param("name", vm.name())
          .param("state", state)
          .param("reason", vm.stateReason())
          .param("private", vm.privateAddress())
          .param("public", vm.publicAddress())
          .param("launched", java.sql.Timestamp.from(vm.createdAt()))
          .update();
      long id =
          jdbc.sql("SELECT id FROM server WHERE region_id = ? AND provider_server_id = ?")
              .params(work.regionId(), vm.id())
              .query(Long.class)
              .single();
      publish(work, id, state);
      return;
    }
    boolean changed =
        !state.equals(row.state())
            || !Objects.equals(vm.privateAddress(), row.privateIp())
            || !Objects.equals(vm.publicAddress(), row.publicIp());
    if (!changed) {
      return;
    }
    jdbc.sql(
            """
            UPDATE server SET state = :state, state_reason = :reason, private_ip = :private,
                   public_ip = :public,
                   terminated_at = CASE WHEN :state = 'terminated' THEN NOW(3) ELSE NULL END
             WHERE id = :id
            """)
        .param("state", state)
        .param("reason", vm.stateReason())
        .param("private", vm.privateAddress())
        .param("public", vm.publicAddress())
        .param("id", row.id())
        .update();
    if (!state.equals(row.state())) {
      publish(work, row.id(), state);
    }
  }

  /** Gives a launch's pending row (found by its client token) the cloud's id and state. */
  private boolean claimLaunched(CacheWork work, VirtualMachine vm, String state) {
    return jdbc.sql(
                """
                UPDATE server SET provider_server_id = :provider, state = :state,
                       state_reason = :reason, private_ip = :private, public_ip = :public
                 WHERE region_id = :region AND client_token = :token
                   AND provider_server_id IS NULL
                """)
            .param("provider", vm.id())
            .param("state", state)
            .param("reason", vm.stateReason())
            .param("private", vm.privateAddress())
            .param("public", vm.publicAddress())
            .param("region", work.regionId())
            .param("token", vm.clientToken())
            .update()
        == 1;
  }

  private void publish(CacheWork work, long serverId, String state) {
    events.publish(
        "server",
        work.customerId(),
        serverId,
        state,
        MessageCodec.mapper().createObjectNode().put("serverId", serverId).put("state", state));
  }
}
