package io.stratus.cloud.local.daemon;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fault injection for simulated regions: a configured share of calls is answered with throttling
 * (429), capacity (503 InsufficientCapacity) or communication (502) errors, so callers' retries can
 * be tested.
 */
final class ErrorInjector {
  private ErrorInjector() {}

  static void maybeFail(DaemonSettings.RegionSettings region) {
    if (!region.simulated() || region.errorRate() <= 0 || region.errorTypes().isEmpty()) {
      return;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() >= region.errorRate()) {
      return;
    }
    String type = region.errorTypes().get(random.nextInt(region.errorTypes().size()));
    switch (type) {
      case "throttling" -> throw new ApiException(429, "Throttling", "injected: slow down");
      case "capacity" ->
          throw new ApiException(503, "InsufficientCapacity", "injected: no capacity right now");
      default -> throw new ApiException(502, "BadGateway", "injected: upstream unreachable");
    }
  }
}
