package io.stratus.cloud.local.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every endpoint of the daemon's API, wired to the services. Paths are under {@code /regions}. */
final class ApiRoutes {
  static final String ID = "([A-Za-z0-9._-]+)";
  static final String REGION = "/regions/" + ID;

  private final CloudState state;
  private final VmService vms;
  private final StorageService storage;
  private final NetworkService network;

  ApiRoutes(CloudState state, VmService vms, StorageService storage, NetworkService network) {
    this.state = state;
    this.vms = vms;
    this.storage = storage;
    this.network = network;
  }

  void register(ApiServer api) {
    api.route("GET", "/ping", 200, (p, q, b) -> Map.of("status", "ok"));
    api.route("GET", "/regions", 200, (p, q, b) -> regions());
    api.route(
        "GET",
        REGION + "/datacenters",
        200,
        (p, q, b) -> {
          guard(p);
          return Map.of(
              "items",
              Catalogue.dataCenters(p.get(0)).stream()
                  .map(dc -> Map.of("id", dc, "regionId", p.get(0), "name", dc, "active", true))
                  .toList());
        });
    api.route(
        "GET",
        REGION + "/products",
        200,
        (p, q, b) -> {
          guard(p);
          return Bodies.items(Catalogue.PRODUCTS);
        });
    Guard guard = this::guard;
    new ComputeRoutes(vms, guard).registerVms(api);
    new StorageRoutes(storage, guard).registerStorage(api);
    new NetworkRoutes(network, guard).registerNetwork(api);
  }

  private Map<String, Object> regions() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (var region : state.settings.regions.values()) {
      items.add(
          Map.of(
              "id",
              region.id(),
              "name",
              region.id() + (region.simulated() ? " (simulated)" : ""),
              "jurisdiction",
              "local",
              "active",
              true));
    }
    return Bodies.items(items);
  }

  /** The region exists; a simulated one may answer with an injected error. */
  private void guard(List<String> path) {
    ErrorInjector.maybeFail(state.regionSettings(path.get(0)));
  }
}
