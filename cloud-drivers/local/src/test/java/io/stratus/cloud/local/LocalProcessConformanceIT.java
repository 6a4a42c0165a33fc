package io.stratus.cloud.local;

import java.time.Duration;

/** The conformance suite against a local cloud whose VMs are real processes. */
class LocalProcessConformanceIT extends LocalCloudConformance {
  LocalProcessConformanceIT() {
    super(
        "process",
        "local-1",
        "regions=local-1\nregion.local-1.mode=process\n",
        Duration.ofSeconds(30));
  }
}
