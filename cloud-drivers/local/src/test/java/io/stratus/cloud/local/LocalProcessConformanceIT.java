package io.stratus.cloud.local;

import io.stratus.cloud.conformance.DriverConformance;
import io.stratus.cloud.spi.CloudProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against a local cloud whose VMs are real processes. */
class LocalProcessConformanceIT extends DriverConformance {
  private static LocalCloudProcess cloud;
  private static CloudProvider provider;

  @BeforeAll
  static void startCloud() throws IOException {
    cloud =
        LocalCloudProcess.start(
            Files.createTempDirectory("localcloud-process-"),
            "regions=local-1\nregion.local-1.mode=process\n");
    provider = cloud.provider("local-1");
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
    return Duration.ofSeconds(30);
  }

  static Path dataDir() {
    return cloud.dataDir();
  }
}
