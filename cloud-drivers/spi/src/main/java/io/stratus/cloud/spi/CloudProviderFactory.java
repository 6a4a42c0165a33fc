package io.stratus.cloud.spi;

import java.util.List;

/**
 * A driver, as found by {@link java.util.ServiceLoader}: list it in {@code
 * META-INF/services/io.stratus.cloud.spi.CloudProviderFactory}.
 */
public interface CloudProviderFactory {
  /** The driver's name, e.g. {@code local}; what {@code cloud.provider_name} holds. */
  String name();

  /** A name for people, e.g. {@code Stratus local cloud}. */
  String displayName();

  /** The credential and endpoint fields this driver needs. */
  List<ConfigField> contextFields();

  /**
   * A provider for one account (and region, if the context names one). Does not call the cloud; use
   * {@link CloudProvider#testConnection()} for that.
   *
   * @throws CloudException of type INVALID_REQUEST when a required field is missing
   */
  CloudProvider connect(ProviderContext context);
}
