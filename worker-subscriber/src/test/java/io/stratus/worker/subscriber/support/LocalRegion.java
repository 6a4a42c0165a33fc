package io.stratus.worker.subscriber.support;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.config.Config;
import io.stratus.common.config.Secret;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.support.BrokerNames;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestDatabase;
import io.stratus.worker.subscriber.CloudHandlers;
import io.stratus.worker.subscriber.SubscriberSettings;
import io.stratus.worker.subscriber.WorkerSubscriber;
import io.stratus.worker.subscriber.cloud.CredentialSource;
import java.io.IOException;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the cache tests and benchmarks set up alike over a test schema: one customer with an active
 * account on a local cloud and one of its regions, the cloud's static keys as every account's
 * credentials, a worker subscriber reading them, and the broker names to remove after.
 */
public final class LocalRegion {
  private LocalRegion() {}

  /**
   * Inserts a customer, {@code cloud} in the catalogue, an active account on it and the account's
   * region {@code providerRegion}; returns the region's work of {@code kind}.
   */
  public static CacheWork register(
      JdbcClient jdbc, LocalCloudProcess cloud, String providerRegion, CacheKind kind)
      throws IOException {
    jdbc.sql("INSERT INTO customer (name) VALUES ('acme')").update();
    jdbc.sql("INSERT INTO cloud (name, provider_name, endpoint) VALUES ('local', 'local', ?)")
        .param(cloud.credentials().get("endpoint"))
        .update();
    jdbc.sql(
            """
            INSERT INTO cloud_account (customer_id, cloud_id, name, status)
            SELECT (SELECT id FROM customer), (SELECT id FROM cloud), 'a', 'active'
            """)
        .update();
    jdbc.sql(
            """
            INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)
            SELECT customer_id, id, ?, ? FROM cloud_account
            """)
        .params(providerRegion, providerRegion)
        .update();
    Map<String, Object> row =
        jdbc.sql("SELECT id, customer_id, cloud_account_id FROM region").query().singleRow();
    return new CacheWork(
        0,
        ((Number) row.get("customer_id")).longValue(),
        ((Number) row.get("cloud_account_id")).longValue(),
        ((Number) row.get("id")).longValue(),
        kind,
        0);
  }

  /** The local cloud's static keys, for every account. */
  public static CredentialSource credentials(LocalCloudProcess cloud) throws IOException {
    Map<String, String> keys = cloud.credentials();
    return (customer, account) ->
        Map.of("accessKey", keys.get("accessKey"), "secretKey", keys.get("secretKey"));
  }

  /** A worker subscriber (not started) of {@code config}, with the local cloud's keys. */
  public static WorkerSubscriber subscriber(
      Config config, TestDatabase db, TestBroker broker, String prefix, LocalCloudProcess cloud)
      throws IOException {
    CredentialSource credentials = credentials(cloud);
    return new WorkerSubscriber(
        SubscriberSettings.from(config),
        DatabaseSettings.of(db.jdbcUrl(), db.user(), Secret.of(db.password())),
        AmqpSettings.of(broker.uri(), prefix),
        CloudHandlers.using(context -> credentials));
  }

  /** Removes the exchanges and queues made under {@code prefix}. */
  public static void deleteTopology(TestBroker broker, String prefix) {
    try (AmqpConnection cleanup =
        AmqpConnection.open(AmqpSettings.of(broker.uri(), prefix), "cleanup")) {
      BrokerNames.deleteTopology(cleanup);
    }
  }
}
