package io.stratus.cloud.local;

import java.time.Duration;

/** The conformance suite against a simulated region: VMs are records with a boot time. */
class LocalSimulatedConformanceIT extends LocalCloudConformance {
  LocalSimulatedConformanceIT() {
    super(
        "sim",
        "sim-1",
        "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=300ms\n",
        Duration.ofSeconds(10));
  }
}
