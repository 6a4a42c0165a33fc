package io.stratus.cloud.spi;

import io.stratus.cloud.spi.compute.ComputeServices;
import io.stratus.cloud.spi.dc.DataCenterServices;
import io.stratus.cloud.spi.network.NetworkServices;
import java.util.Optional;

/**
 * One account on one cloud, as a driver sees it. A service the cloud lacks is an empty Optional; an
 * operation a driver does not implement throws {@link OperationNotSupportedException}; each
 * support's capabilities say what it can do before anyone asks.
 */
public interface CloudProvider extends AutoCloseable {
  /** The driver's name. */
  String name();

  ProviderContext context();

  /** Regions and data centres: every cloud has them. */
  DataCenterServices dataCenters();

  Optional<ComputeServices> compute();

  Optional<NetworkServices> network();

  /**
   * Checks the endpoint answers and the credentials are accepted.
   *
   * @throws CloudException of type AUTHENTICATION or COMMUNICATION when not
   */
  void testConnection();

  @Override
  default void close() {}
}
