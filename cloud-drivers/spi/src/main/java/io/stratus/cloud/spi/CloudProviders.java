package io.stratus.cloud.spi;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** Finds drivers with {@link ServiceLoader}. */
public final class CloudProviders {
  private CloudProviders() {}

  private static final Map<ClassLoader, List<CloudProviderFactory>> FOUND =
      new ConcurrentHashMap<>();

  /**
   * Every driver on the class path (of the thread's context class loader, as a WAR has it). Looked
   * up once per class loader: factories are stateless, and workers ask for one on every task.
   */
  public static List<CloudProviderFactory> all() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = CloudProviders.class.getClassLoader();
    }
    return FOUND.computeIfAbsent(
        loader,
        l ->
            ServiceLoader.load(CloudProviderFactory.class, l).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
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
