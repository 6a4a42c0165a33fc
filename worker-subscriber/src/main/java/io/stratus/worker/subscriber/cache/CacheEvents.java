package io.stratus.worker.subscriber.cache;

import io.stratus.common.cache.CacheWork;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.messaging.MessageCodec;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that publish every cache kind's events: few and long-lived, because the publisher
 * keeps a broker channel per publishing thread. A refresh uses one of them, so its events keep
 * their order.
 */
public final class CacheEvents {
  private final EventPublisher events;
  private final ExecutorService[] threads = new ExecutorService[2];

  public CacheEvents(EventPublisher events) {
    this.events = Objects.requireNonNull(events, "events");
    for (int i = 0; i < threads.length; i++) {
      threads[i] = daemonThread("cache-events-" + i);
    }
  }

  ExecutorService threadFor(CacheWork work) {
    return threads[(int) Math.floorMod(work.regionId(), (long) threads.length)];
  }

  /** One event {@code <resource>.<customer>.<id>.<word>} with the row's id, change and state. */
  void publish(CacheWork work, String resource, long id, String word, Change change, String state) {
    events.publish(
        resource,
        work.customerId(),
        id,
        word,
        MessageCodec.mapper()
            .createObjectNode()
            .put(idField(resource), id)
            .put("change", change.word())
            .put("state", state));
  }

  /** {@code serverId}, {@code firewallRuleId}: the payload's id field as the tasks name it. */
  private static String idField(String resource) {
    StringBuilder field = new StringBuilder();
    boolean upper = false;
    for (char c : resource.toCharArray()) {
      if (c == '-' || c == '_') {
        upper = true;
      } else {
        field.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return field.append("Id").toString();
  }

  static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
