package io.stratus.cloud.openstack;

import io.stratus.cloud.conformance.DriverConformance;
import io.stratus.cloud.spi.CloudProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared conformance suite against the test cloud's real Keystone, Nova and Glance. Volumes,
 * snapshots, addresses and firewalls are skipped by the driver's own capabilities: that cloud has
 * no Cinder and only a stub Neutron.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenStackConformanceIT extends DriverConformance {
  private CloudProvider provider;
  private String image;

  @BeforeAll
  void connect() {
    TestCloud.assumeUp();
    provider = TestCloud.provider();
    image = TestCloud.tinyImage(provider);
  }

  @AfterAll
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  @Override
  protected CloudProvider provider() {
    return provider;
  }

  @Override
  protected String imageId() {
    return image;
  }

  @Override
  protected String productId() {
    return TestCloud.FLAVOR;
  }
}
