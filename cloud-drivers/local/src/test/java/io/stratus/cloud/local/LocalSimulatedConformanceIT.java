package io.stratus.cloud.local;

import io.stratus.cloud.conformance.DriverConformance;
import io.stratus.cloud.spi.CloudProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against a simulated region: VMs are records with a boot time. */
class LocalSimulatedConformanceIT extends DriverConformance {
  private static LocalCloudProcess cloud;
  private static CloudProvider provider;

  @BeforeAll
  static void startCloud() throws IOException {
    cloud =
        LocalCloudProcess.start(
            Files.createTempDirectory("localcloud-sim-"),
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=300ms\n");
    provider = cloud.provider("sim-1");
  }

  @AfterAll
  static void stopCloud() {
    cloud.close();
  }

  @Override
  protected CloudProvider provider() {
    return provider;
  }

  @Override
  protected String imageId() {
    return "img-http";
  }

  @Override
  protected String productId() {
    return "small";
  }

  @Override
  protected Duration bootTimeout() {
    return Duration.ofSeconds(10);
  }
}
