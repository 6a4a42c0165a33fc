package io.stratus.common.cache;

import java.util.Locale;

/** What one cache worker keeps current for one (cloud account, region). */
public enum CacheKind {
  DATA_CENTERS,
  SERVERS,
  IMAGES,
  SERVER_PRODUCTS,
  VOLUME_PRODUCTS,
  VOLUMES,
  SNAPSHOTS,
  IP_ADDRESSES,
  FIREWALLS,
  FIREWALL_RULES,
  /** Not a cloud resource: the new lines of the logs of every reachable agent in the region. */
  AGENT_LOGS;

  /** The value stored in {@code cache_work.kind} and used in configuration keys. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static CacheKind fromKey(String key) {
    for (CacheKind kind : values()) {
      if (kind.key().equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown cache kind '" + key + "'");
  }
}
