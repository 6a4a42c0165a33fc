package io.stratus.worker.subscriber.cache;

import com.mysql.cj.jdbc.JdbcConnection;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.OperationNotSupportedException;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.common.cache.CacheWork;
import io.stratus.worker.subscriber.CacheRefresher;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one reconcile every cache kind runs for one (account, region): lists the cloud a page at a
 * time and makes the kind's rows agree. An item unknown to Stratus is inserted (made outside
 * Stratus), a known one that the cloud describes differently is updated, and once the whole listing
 * has been read, a known row the cloud no longer lists is marked gone with the reason. Each change
 * is published as one event {@code <resource>.<customer>.<id>.<word>}.
 *
 * <p>What the table holds for the region is read once up front; each page's inserts and updates are
 * written as batches in one transaction while the next page is listed, and its events are published
 * once the page is committed, while the refresh goes on: the cloud, the database and the broker
 * overlap. A page that fails ends the refresh before anything is marked gone, so rows stay as they
 * were; a refresh that dies and runs again finds the rows it wrote by the cloud's id (a unique key
 * in every table), so it writes no second row and announces no change twice.
 */
public final class CacheReconciler<R> implements CacheRefresher {
  static final String GONE_REASON = "no longer known to the cloud";
  private static final int PAGE_SIZE = 1000;

  private final CachedKind<R> kind;
  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final TransactionTemplate transactions;
  private final CloudConnector connector;
  private final CacheEvents events;

  public CacheReconciler(
      CachedKind<R> kind, DataSource primary, CloudConnector connector, CacheEvents events) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.jdbc = JdbcClient.create(primary);
    this.batches = new JdbcTemplate(primary);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(primary));
    this.connector = connector;
    this.events = Objects.requireNonNull(events, "events");
  }

  /** A row as the reconcile compares it; {@code values} in the kind's order, state first. */
  private record Known(long id, boolean gone, List<String> values) {
    String state() {
      return values.get(0);
    }
  }

  /** A known row and the item that now describes it. */
  private record Update<T>(Known row, T item, List<String> values, boolean ended) {}

  @Override
  public void refresh(CacheWork work) {
    String providerRegion =
        jdbc.sql("SELECT provider_region_id FROM region WHERE id = ?")
            .param(work.regionId())
            .query(String.class)
            .single();
    Map<String, Known> live = new HashMap<>();
    Map<String, Known> gone = new HashMap<>();
    read(work.regionId(), live, gone);
    RegionIds ids = new RegionIds(jdbc, work.regionId());
    try (Announcer announcer = new Announcer(events.threadFor(work))) {
      try (CloudProvider provider = connector.connect(work.regionId())) {
        Listing<R> listing = kind.listing(provider, work, providerRegion).orElse(null);
        if (listing == null) {
          return; // the cloud lacks the service: nothing to keep, nothing to mark gone
        }
        Set<String> inserted = new HashSet<>();
        ExecutorService lister =
            CacheEvents.daemonThread(kind.resource() + "-lister-" + work.regionId());
        try {
          PageRequest request = PageRequest.first(PAGE_SIZE);
          Future<Page<R>> next = lister.submit(listingOf(listing, request));
          while (next != null) {
            Page<R> page = await(next);
            if (page.hasNext()) {
              request = request.next(page);
              next = lister.submit(listingOf(listing, request));
            } else {
              next = null;
            }
            reconcile(work, live, gone, inserted, ids, page.items(), announcer);
          }
        } catch (OperationNotSupportedException e) {
          announcer.finish();
          return; // the driver does not list this kind: nothing to keep, nothing to mark gone
        } finally {
          lister.shutdownNow();
        }
        live.entrySet()
            .removeIf(row -> kind.stillThere(provider, row.getKey(), row.getValue().state()));
      }
      markGone(work, new ArrayList<>(live.values()), announcer);
      announcer.finish();
    }
  }

  private static <R> java.util.concurrent.Callable<Page<R>> listingOf(
      Listing<R> listing, PageRequest request) {
    return () -> listing.page(request);
  }

  private void read(long regionId, Map<String, Known> live, Map<String, Known> gone) {
    jdbc.sql(kind.knownSql())
        .param("region", regionId)
        .query(
            rs -> {
              int columns = rs.getMetaData().getColumnCount();
              List<String> values = new ArrayList<>(columns - 3);
              for (int i = 4; i <= columns; i++) {
                values.add(text(rs.getObject(i)));
              }
              Known row = new Known(rs.getLong(1), rs.getBoolean(3), values);
              (row.gone() ? gone : live).put(rs.getString(2), row);
            });
  }

  /** One page: sorts its items into new rows and changed rows, then writes both as batches. */
  private void reconcile(
      CacheWork work,
      Map<String, Known> live,
      Map<String, Known> gone,
      Set<String> inserted,
      RegionIds ids,
      List<R> page,
      Announcer announcer) {
    List<R> fresh = new ArrayList<>();
    List<Update<R>> updates = new ArrayList<>();
    for (R item : page) {
      String providerId = kind.providerId(item);
      boolean ended = kind.goneInCloud(item);
      Known row = live.remove(providerId);
      if (row == null && kind.revivable() && !ended) {
        row = gone.remove(providerId);
      }
      if (row == null) {
        if (ended || gone.containsKey(providerId) || !inserted.add(providerId)) {
          continue; // ended, or ended here already while the cloud lags, or listed twice
        }
        fresh.add(item);
        continue;
      }
      List<String> values = texts(kind.values(item));
      if (row.gone() || !values.equals(row.values())) {
        updates.add(new Update<>(row, item, values, ended));
      }
    }
    if (!fresh.isEmpty() && kind.pendingSql() != null) {
      int pending =
          jdbc.sql(kind.pendingSql())
              .param("region", work.regionId())
              .query(Integer.class)
              .single();
      if (pending > 0) {
        fresh.forEach(item -> inserted.remove(kind.providerId(item)));
        fresh.clear(); // a create of this kind is in flight: the next refresh inserts
      }
    }
    if (!fresh.isEmpty()) {
      fresh.removeIf(item -> kind.adopt(jdbc, work, item));
    }
    if (fresh.isEmpty() && updates.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(
        status -> {
          insert(work, fresh, ids);
          update(updates);
        });
    announcer.submit(
        () -> {
          announceInserted(work, fresh);
          for (Update<R> update : updates) {
            String state = update.values().get(0);
            Change change = update.ended() ? Change.GONE : Change.CHANGED;
            boolean stateChanged = !Objects.equals(state, update.row().state());
            events.publish(
                work,
                kind.resource(),
                update.row().id(),
                kind.event(change, state, stateChanged),
                change,
                state);
          }
        });
  }

  /** Events for a page's new rows, whose ids are read back a thousand cloud ids at a time. */
  private void announceInserted(CacheWork work, List<R> fresh) {
    Map<String, String> states = new HashMap<>();
    fresh.forEach(item -> states.put(kind.providerId(item), text(kind.values(item).get(0))));
    List<String> providerIds = new ArrayList<>(states.keySet());
    for (int from = 0; from < providerIds.size(); from += PAGE_SIZE) {
      jdbc.sql(kind.idsSql())
          .param("region", work.regionId())
          .param("ids", providerIds.subList(from, Math.min(from + PAGE_SIZE, providerIds.size())))
          .query(
              rs -> {
                String state = states.get(rs.getString(2));
                events.publish(
                    work,
                    kind.resource(),
                    rs.getLong(1),
                    kind.event(Change.DISCOVERED, state, true),
                    Change.DISCOVERED,
                    state);
              });
    }
  }

  /**
   * A page's new rows as one batch. The statement is prepared on the client: with the pool's
   * server-side prepared statements, Connector/J rewrites each batch into a new server statement of
   * 1,000 value lists that it prepares, describes and closes again per page, which cost more than
   * the insert itself; a client-side statement is rewritten into one plain multi-row {@code INSERT
   * ... VALUES (...),(...)} instead.
   */
  private void insert(CacheWork work, List<R> fresh, RegionIds ids) {
    if (fresh.isEmpty()) {
      return;
    }
    batches.execute(
        (Connection connection) -> {
          try (PreparedStatement insert = clientPrepared(connection, kind.insertSql())) {
            for (R item : fresh) {
              Object[] row = kind.insertRow(work, item, ids);
              for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
              }
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

  private void update(List<Update<R>> updates) {
    if (updates.isEmpty()) {
      return;
    }
    batches.batchUpdate(
        kind.updateSql(),
        updates.stream().<Object[]>map(u -> kind.updateRow(u.row().id(), u.item())).toList());
    List<Long> ended = updates.stream().filter(Update::ended).map(u -> u.row().id()).toList();
    if (!ended.isEmpty()) {
      kind.ended(batches, ended);
    }
  }

  /** After the whole listing: what the cloud did not list is gone, in one transaction. */
  private void markGone(CacheWork work, List<Known> vanished, Announcer announcer) {
    if (vanished.isEmpty()) {
      return;
    }
    List<Long> ids = vanished.stream().map(Known::id).toList();
    transactions.executeWithoutResult(
        status -> {
          batches.batchUpdate(
              kind.goneSql(), ids.stream().map(id -> new Object[] {GONE_REASON, id}).toList());
          kind.ended(batches, ids);
        });
    String state = kind.goneState();
    announcer.submit(
        () ->
            vanished.forEach(
                row ->
                    events.publish(
                        work,
                        kind.resource(),
                        row.id(),
                        kind.event(Change.GONE, state, !state.equals(row.state())),
                        Change.GONE,
                        state)));
  }

  private static List<String> texts(List<Object> values) {
    List<String> texts = new ArrayList<>(values.size());
    values.forEach(v -> texts.add(text(v)));
    return texts;
  }

  /** Values as compared: database and SPI types reduced to one text form. */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value.toString();
  }

  /**
   * Publishes a page's events on an events thread, in page order, once the page is committed, while
   * the refresher goes on listing and writing the next pages. At most {@link #AHEAD} pages wait for
   * their events; a refresh ends (and a failed one gives up) only once every committed page's
   * events were handed to the broker.
   */
  private static final class Announcer implements AutoCloseable {
    private static final int AHEAD = 2;
    private final ExecutorService thread;
    private final Deque<Future<?>> pending = new ArrayDeque<>();

    Announcer(ExecutorService thread) {
      this.thread = thread;
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

    private static void done(Future<?> announced) {
      try {
        announced.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("publishing cache events failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing cache events", e);
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
      } catch (ExecutionException | TimeoutException e) {
        // the refresh is failing already; its own failure is the one to report
      }
    }
  }

  /** The listed page, or the listing's own failure (a CloudException stays one). */
  private Page<R> await(Future<Page<R>> listing) {
    try {
      return listing.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("listing " + kind.resource() + "s failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing " + kind.resource() + "s", e);
    }
  }
}
