package io.stratus.cloud.spi;

import java.util.List;
import java.util.ServiceLoader;

/** Finds drivers with {@link ServiceLoader}. */
public final class CloudProviders {
  private CloudProviders() {}

  /** Every driver on the class path. */
  public static List<CloudProviderFactory> all() {
    return ServiceLoader.load(CloudProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  /**
   * The driver called {@code name}.
   *
   * @throws InternalException naming the drivers that are available, if none is called so
   */
  public static CloudProviderFactory byName(String name) {
    List<CloudProviderFactory> all = all();
    return all.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new InternalException(
                    "no cloud driver named '"
                        + name
                        + "'; available: "
                        + all.stream().map(CloudProviderFactory::name).toList()));
  }
}
