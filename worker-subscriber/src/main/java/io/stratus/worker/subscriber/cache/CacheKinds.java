package io.stratus.worker.subscriber.cache;

import io.stratus.common.cache.CacheKind;
import io.stratus.worker.subscriber.CacheRefresher;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/** Every cloud resource kind the cache workers keep current, each through the one reconcile. */
public final class CacheKinds {
  private CacheKinds() {}

  /** A refresher per cloud resource kind (every kind but the agents' logs), ready to add to. */
  public static Map<CacheKind, CacheRefresher> refreshers(
      DataSource primary, CloudConnector connector, CacheEvents events) {
    Map<CacheKind, CachedKind<?>> kinds = new EnumMap<>(CacheKind.class);
    kinds.put(CacheKind.DATA_CENTERS, new DataCenterKind());
    kinds.put(CacheKind.SERVERS, new ServerKind());
    kinds.put(CacheKind.IMAGES, new ImageKind());
    kinds.put(CacheKind.SERVER_PRODUCTS, new ServerProductKind());
    kinds.put(CacheKind.VOLUME_PRODUCTS, new VolumeProductKind());
    kinds.put(CacheKind.VOLUMES, new VolumeKind());
    kinds.put(CacheKind.SNAPSHOTS, new SnapshotKind());
    kinds.put(CacheKind.IP_ADDRESSES, new IpAddressKind());
    kinds.put(CacheKind.FIREWALLS, new FirewallKind());
    kinds.put(CacheKind.FIREWALL_RULES, new FirewallRuleKind(primary));
    Map<CacheKind, CacheRefresher> refreshers = new EnumMap<>(CacheKind.class);
    kinds.forEach(
        (cacheKind, kind) ->
            refreshers.put(cacheKind, new CacheReconciler<>(kind, primary, connector, events)));
    return refreshers;
  }
}
