package io.stratus.worker.subscriber.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.support.BrokerNames;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import io.stratus.worker.subscriber.support.LocalRegion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cloud whose listing misses a machine still being created (OpenStack lists servers being
 * scheduled apart from the others, so one can fall between two pages): the refresh asks the cloud
 * for that machine before marking it gone, and keeps it; a settled machine a whole listing does not
 * hold is gone as before. The local cloud is real; only its listing is made to skip one machine.
 */
class CacheListingGapIT {
  @Test
  void shouldAskTheCloudBeforeMarkingAMachineBeingCreatedGone() throws Exception {
    TestDatabase db = TestServices.newDatabase("cachegap");
    var broker = TestServices.broker();
    try (Database database = StratusSchema.open(db);
        LocalCloudProcess cloud =
            LocalCloudProcess.start(
                Files.createTempDirectory("cachegap-"),
                """
                regions=sim-1
                region.sim-1.mode=simulated
                region.sim-1.boot-time=0ms
                region.sim-1.seed-vms=3
                """);
        AmqpConnection connection =
            AmqpConnection.open(
                AmqpSettings.of(broker.uri(), broker.uniqueName("cachegap")), "it");
        ConfirmingPublisher publisher = new ConfirmingPublisher(connection)) {
      JdbcClient jdbc = JdbcClient.create(database.primary());
      CacheWork work = LocalRegion.register(jdbc, cloud, "sim-1", CacheKind.SERVERS);
      CloudConnector connector =
          new CloudConnector(database.primary(), LocalRegion.credentials(cloud));
      CacheEvents events = new CacheEvents(new EventPublisher(publisher, connection.topology()));
      new CacheReconciler<>(new ServerKind(), database.primary(), connector, events).refresh(work);
      String hidden =
          jdbc.sql(
                  "SELECT provider_server_id FROM server WHERE provider_server_id LIKE 'vm-%'"
                      + " ORDER BY id LIMIT 1")
              .query(String.class)
              .single();
      CacheReconciler<VirtualMachine> missing =
          new CacheReconciler<>(listingWithout(hidden), database.primary(), connector, events);

      state(jdbc, hidden, "pending");
      missing.refresh(work);
      assertEquals(
          "pending", state(jdbc, hidden), "a machine being created that a listing missed is kept");

      state(jdbc, hidden, "running");
      missing.refresh(work);
      assertEquals(
          "terminated", state(jdbc, hidden), "a settled machine a whole listing lacks is gone");
      BrokerNames.deleteTopology(connection);
    } finally {
      db.close();
    }
  }

  /** The server kind, with a listing that never holds the machine {@code hidden}. */
  @SuppressWarnings("unchecked")
  private static CachedKind<VirtualMachine> listingWithout(String hidden) {
    ServerKind servers = new ServerKind();
    return (CachedKind<VirtualMachine>)
        Proxy.newProxyInstance(
            CachedKind.class.getClassLoader(),
            new Class<?>[] {CachedKind.class},
            (proxy, method, args) -> {
              Object answer;
              try {
                answer = method.invoke(servers, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (!method.getName().equals("listing")) {
                return answer;
              }
              Optional<Listing<VirtualMachine>> listing =
                  (Optional<Listing<VirtualMachine>>) answer;
              return listing.map(whole -> without(whole, hidden));
            });
  }

  private static Listing<VirtualMachine> without(Listing<VirtualMachine> whole, String hidden) {
    return request -> {
      Page<VirtualMachine> page = whole.page(request);
      return new Page<>(
          page.items().stream().filter(vm -> !vm.id().equals(hidden)).toList(),
          page.nextPageToken());
    };
  }

  private static void state(JdbcClient jdbc, String providerId, String state) {
    jdbc.sql("UPDATE server SET state = ? WHERE provider_server_id = ?")
        .params(state, providerId)
        .update();
  }

  private static String state(JdbcClient jdbc, String providerId) {
    return jdbc.sql("SELECT state FROM server WHERE provider_server_id = ?")
        .param(providerId)
        .query(String.class)
        .single();
  }
}
