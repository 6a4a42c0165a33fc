package io.stratus.cloud.local;

import io.stratus.cloud.conformance.DriverConformance;
import io.stratus.cloud.spi.CloudProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance suite against one region of a local cloud daemon started for the test class; each
 * {@code *ConformanceIT} says which region, in which mode, and how long its machines boot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalCloudConformance extends DriverConformance {
  private final String name;
  private final String region;
  private final String settings;
  private final Duration bootTimeout;
  private LocalCloudProcess cloud;
  private CloudProvider provider;

  /**
   * @param name names the daemon's temporary data directory
   * @param region the region under test, one of those {@code settings} declare
   * @param settings the daemon's settings
   */
  LocalCloudConformance(String name, String region, String settings, Duration bootTimeout) {
    this.name = name;
    this.region = region;
    this.settings = settings;
    this.bootTimeout = bootTimeout;
  }

  @BeforeAll
  void startCloud() throws IOException {
    cloud =
        LocalCloudProcess.start(Files.createTempDirectory("localcloud-" + name + "-"), settings);
    provider = cloud.provider(region);
  }

  @AfterAll
  void stopCloud() {
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
    return bootTimeout;
  }
}
