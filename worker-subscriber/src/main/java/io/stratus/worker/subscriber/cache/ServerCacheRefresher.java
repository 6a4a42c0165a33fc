package io.stratus.worker.subscriber.cache;

import com.mysql.cj.jdbc.JdbcConnection;
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
import io.stratus.worker.subscriber.agent.AgentTokens;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import java.util.concurrent.TimeUnit;
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

  /**
   * The threads that publish the refreshes' events: few and long-lived, because the publisher keeps
   * a broker channel per publishing thread. A refresh uses one of them, so its events keep their
   * order.
   */
  private final ExecutorService[] eventThreads = new ExecutorService[2];

  public ServerCacheRefresher(DataSource primary, CloudConnector connector, EventPublisher events) {
    this.jdbc = JdbcClient.create(primary);
    this.batches = new JdbcTemplate(primary);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(primary));
    this.connector = connector;
    this.events = Objects.requireNonNull(events, "events");
    for (int i = 0; i < eventThreads.length; i++) {
      eventThreads[i] = daemonThread("servers-events-" + i);
    }
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
    try (Announcer announcer = new Announcer(work)) {
      try (CloudProvider provider = connector.connect(work.regionId())) {
        VirtualMachineSupport vms =
            provider.compute().flatMap(c -> c.virtualMachines()).orElse(null);
        if (vms == null) {
          return;
        }
        // The next page is listed while this one is written: the cloud and the database overlap.
        ExecutorService lister = daemonThread("servers-lister-" + work.regionId());
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
            reconcile(work, table, page.items(), announcer);
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
        batches.batchUpdate(
            AgentTokens.REVOKE, vanished.stream().map(row -> new Object[] {row.id()}).toList());
        announcer.submit(() -> vanished.forEach(row -> publish(work, row.id(), "terminated")));
      }
      announcer.finish();
    }
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Publishes a page's events on an events thread, in page order, once the page is committed, while
   * the refresher goes on listing and writing the next pages: the broker and the database overlap.
   * At most {@link #AHEAD} pages wait for their events; a refresh ends (and a failed one gives up)
   * only once every committed page's events were handed to the broker, as before.
   */
  private final class Announcer implements AutoCloseable {
    private static final int AHEAD = 2;
    private final ExecutorService thread;
    private final Deque<Future<?>> pending = new ArrayDeque<>();

    Announcer(CacheWork work) {
      this.thread = eventThreads[(int) Math.floorMod(work.regionId(), (long) eventThreads.length)];
    }

    void submit(Runnable announce) {
      while (pending.size() >= AHEAD) {
        done(pending.removeFirst());
      }
      pending.addLast(thread.submit(announce));
    }

    /** Waits for every page's events; the first failure is the refresh's. */
    void finish() {
      while (!pending.isEmpty()) {
        done(pending.removeFirst());
      }
    }

    private void done(Future<?> announced) {
      try {
        announced.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("publishing server events failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing server events", e);
      }
    }

    /** Lets the events of pages already committed go out even when the refresh failed. */
    @Override
    public void close() {
      Future<?> last = pending.peekLast();
      pending.clear();
      if (last == null) {
        return;
      }
      try {
        last.get(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        // the refresh is failing already; its own failure is the one to report
      }
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
  private void reconcile(
      CacheWork work, Table table, List<VirtualMachine> page, Announcer announcer) {
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
    announcer.submit(
        () -> {
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
                      publish(
                          work, rs.getLong("id"), states.get(rs.getString("provider_server_id")));
                    });
          }
          for (Change change : changes) {
            if (!change.state().equals(change.row().state())) {
              publish(work, change.row().id(), change.state());
            }
          }
        });
  }

  private static final String INSERT =
      """
      INSERT INTO server (customer_id, cloud_account_id, region_id, provider_server_id,
                          name, state, state_reason, private_ip, public_ip, launched_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /**
   * A page's new rows as one batch. The statement is prepared on the client: with the pool's
   * server-side prepared statements, Connector/J rewrites each batch into a new server statement of
   * 1,000 value lists (10,000 parameters) that it prepares, describes and closes again per page,
   * which cost more than the insert itself; a client-side statement is rewritten into one plain
   * multi-row {@code INSERT ... VALUES (...),(...)} instead.
   */
  private void insert(CacheWork work, List<VirtualMachine> fresh) {
    if (fresh.isEmpty()) {
      return;
    }
    batches.execute(
        (Connection connection) -> {
          try (PreparedStatement insert = clientPrepared(connection, INSERT)) {
            for (VirtualMachine vm : fresh) {
              insert.setLong(1, work.customerId());
              insert.setLong(2, work.cloudAccountId());
              insert.setLong(3, work.regionId());
              insert.setString(4, vm.id());
              insert.setString(5, vm.name());
              insert.setString(6, state(vm));
              insert.setString(7, vm.stateReason());
              insert.setString(8, vm.privateAddress());
              insert.setString(9, vm.publicAddress());
              insert.setTimestamp(10, Timestamp.from(vm.createdAt()));
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  private static PreparedStatement clientPrepared(Connection connection, String sql)
      throws SQLException {
    if (connection.isWrapperFor(JdbcConnection.class)) {
      return connection.unwrap(JdbcConnection.class).clientPrepareStatement(sql);
    }
    return connection.prepareStatement(sql);
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
    List<Object[]> ended =
        changes.stream()
            .filter(c -> "terminated".equals(c.state()))
            .map(c -> new Object[] {c.row().id()})
            .toList();
    if (!ended.isEmpty()) {
      batches.batchUpdate(AgentTokens.REVOKE, ended);
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
