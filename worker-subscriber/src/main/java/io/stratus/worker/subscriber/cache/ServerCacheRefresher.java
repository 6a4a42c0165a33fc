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
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The servers cache worker: lists every machine of one (account, region) from the cloud and makes
 * the {@code server} table agree: a machine launched outside Stratus is inserted, one whose state
 * or addresses changed is updated, one the cloud no longer knows is marked terminated. Each change
 * is published as an event {@code server.<customer>.<id>.<state>}.
 *
 * <p>It works a page of the cloud's listing at a time: what the table already holds is read once up
 * front, and each page's inserts and updates are written as batches in one transaction, so a region
 * of 100,000 machines costs a few hundred statements, not three per machine.
 */
public final class ServerCacheRefresher implements CacheRefresher {
  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final TransactionTemplate transactions;
  private final CloudConnector connector;
  private final EventPublisher events;

  public ServerCacheRefresher(DataSource primary, CloudConnector connector, EventPublisher events) {
    this.jdbc = JdbcClient.create(primary);
    this.batches = new JdbcTemplate(primary);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(primary));
    this.connector = connector;
    this.events = Objects.requireNonNull(events, "events");
  }

  /** A server row as far as the cache worker compares it. */
  private record Known(long id, String state, String privateIp, String publicIp) {}

  /** A known row whose machine now looks different. */
  private record Change(Known row, VirtualMachine vm, String state) {}

  /** What the table holds for the region before the listing starts. */
  private record Table(Map<String, Known> live, Set<String> ended, Set<String> pendingTokens) {}

  @Override
  public void refresh(CacheWork work) {
    Table table = read(work.regionId());
    try (CloudProvider provider = connector.connect(work.regionId())) {
      VirtualMachineSupport vms = provider.compute().flatMap(c -> c.virtualMachines()).orElse(null);
      if (vms == null) {
        return;
      }
      // The next page is listed while this one is written: the cloud and the database overlap.
      ExecutorService lister =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "servers-lister-" + work.regionId());
                t.setDaemon(true);
                return t;
              });
      try {
        PageRequest request = PageRequest.first(1000);
        Future<Page<VirtualMachine>> next = listing(lister, vms, request);
        while (next != null) {
          Page<VirtualMachine> page = await(next);
          if (page.hasNext()) {
            request = request.next(page);
            next = listing(lister, vms, request);
          } else {
            next = null;
          }
          reconcile(work, table, page.items());
        }
      } finally {
        lister.shutdownNow();
      }
    }
    List<Known> vanished = new ArrayList<>(table.live().values());
    if (!vanished.isEmpty()) {
      batches.batchUpdate(
          """
          UPDATE server SET state = 'terminated', state_reason = 'no longer known to the cloud',
                 terminated_at = NOW(3) WHERE id = ?
          """,
          vanished.stream().map(row -> new Object[] {row.id()}).toList());
      vanished.forEach(row -> publish(work, row.id(), "terminated"));
    }
  }

  private static Future<Page<VirtualMachine>> listing(
      ExecutorService lister, VirtualMachineSupport vms, PageRequest request) {
    return lister.submit(() -> vms.list(VmFilter.ALL, request));
  }

  /** The listed page, or the listing's own failure (a CloudException stays one). */
  private static Page<VirtualMachine> await(Future<Page<VirtualMachine>> listing) {
    try {
      return listing.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("listing servers failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing servers", e);
    }
  }

  private Table read(long regionId) {
    Map<String, Known> live = new HashMap<>();
    Set<String> ended = new HashSet<>();
    Set<String> pendingTokens = new HashSet<>();
    jdbc.sql(
            """
            SELECT id, provider_server_id, client_token, state, private_ip, public_ip FROM server
             WHERE region_id = ?
            """)
        .param(regionId)
        .query(
            rs -> {
              String providerId = rs.getString("provider_server_id");
              String state = rs.getString("state");
              if (providerId == null) {
                if (rs.getString("client_token") != null && !"terminated".equals(state)) {
                  pendingTokens.add(rs.getString("client_token"));
                }
              } else if ("terminated".equals(state)) {
                ended.add(providerId);
              } else {
                live.put(
                    providerId,
                    new Known(
                        rs.getLong("id"),
                        state,
                        rs.getString("private_ip"),
                        rs.getString("public_ip")));
              }
            });
    return new Table(live, ended, pendingTokens);
  }

  /** One page: sorts its machines into new rows and changed rows, then writes both as batches. */
  private void reconcile(CacheWork work, Table table, List<VirtualMachine> page) {
    List<VirtualMachine> fresh = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (VirtualMachine vm : page) {
      String state = state(vm);
      Known row = table.live().remove(vm.id());
      if (row == null) {
        if (vm.state() == VmState.TERMINATED || table.ended().contains(vm.id())) {
          continue; // gone, or known and already terminated here while the cloud lags
        }
        if (vm.clientToken() != null
            && table.pendingTokens().remove(vm.clientToken())
            && claimLaunched(work, vm, state)) {
          continue; // our own launch, seen before its task recorded the cloud's id
        }
        fresh.add(vm);
      } else if (!state.equals(row.state())
          || !Objects.equals(vm.privateAddress(), row.privateIp())
          || !Objects.equals(vm.publicAddress(), row.publicIp())) {
        changes.add(new Change(row, vm, state));
      }
    }
    if (fresh.isEmpty() && changes.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(
        status -> {
          insert(work, fresh);
          update(changes);
        });
    if (!fresh.isEmpty()) {
      Map<String, String> states = new HashMap<>();
      fresh.forEach(vm -> states.put(vm.id(), state(vm)));
      jdbc.sql(
              """
              SELECT id, provider_server_id FROM server
               WHERE region_id = :region AND provider_server_id IN (:ids)
              """)
          .param("region", work.regionId())
          .param("ids", states.keySet())
          .query(
              rs -> {
                publish(work, rs.getLong("id"), states.get(rs.getString("provider_server_id")));
              });
    }
    for (Change change : changes) {
      if (!change.state().equals(change.row().state())) {
        publish(work, change.row().id(), change.state());
      }
    }
  }

  private void insert(CacheWork work, List<VirtualMachine> fresh) {
    if (fresh.isEmpty()) {
      return;
    }
    batches.batchUpdate(
        """
        INSERT INTO server (customer_id, cloud_account_id, region_id, provider_server_id,
                            name, state, state_reason, private_ip, public_ip, launched_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        fresh.stream()
            .map(
                vm ->
                    new Object[] {
                      work.customerId(),
                      work.cloudAccountId(),
                      work.regionId(),
                      vm.id(),
                      vm.name(),
                      state(vm),
                      vm.stateReason(),
                      vm.privateAddress(),
                      vm.publicAddress(),
                      Timestamp.from(vm.createdAt())
                    })
            .toList());
  }

  private void update(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    batches.batchUpdate(
        """
        UPDATE server SET state = ?, state_reason = ?, private_ip = ?, public_ip = ?,
               terminated_at = CASE WHEN ? = 'terminated' THEN NOW(3) ELSE NULL END
         WHERE id = ?
        """,
        changes.stream()
            .map(
                c ->
                    new Object[] {
                      c.state(),
                      c.vm().stateReason(),
                      c.vm().privateAddress(),
                      c.vm().publicAddress(),
                      c.state(),
                      c.row().id()
                    })
            .toList());
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

  private static String state(VirtualMachine vm) {
    return vm.state().name().toLowerCase(Locale.ROOT);
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
