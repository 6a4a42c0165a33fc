package io.stratus.cloud.local.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One collection of a region's resources on the daemon's API, {@code <region>/<name>}: the paths of
 * its members, and the calls every kind answers the same way.
 */
final class RegionCollection<T> {
  private final LocalApiClient api;
  private final String base;
  private final Function<JsonNode, T> read;

  /**
   * @param read what the API's JSON of one member becomes
   */
  RegionCollection(LocalApiClient api, String region, String name, Function<JsonNode, T> read) {
    this.api = api;
    this.base = region + "/" + name;
    this.read = read;
  }

  /** {@code <region>/<name>/<id>}, the id encoded. */
  String path(String id) {
    return base + "/" + LocalVirtualMachineSupport.encode(id);
  }

  /** POSTs {@code body} to the collection; the member it made. */
  T create(Object body) {
    return read.apply(api.post(base, body));
  }

  List<T> list() {
    return Json.items(api.get(base), read);
  }

  Optional<T> get(String id) {
    return api.find(path(id)).map(read);
  }

  /** POSTs {@code body} to one of the member's actions, e.g. {@code attach}. */
  void act(String id, String action, Object body) {
    api.post(path(id) + "/" + action, body);
  }

  void delete(String id) {
    api.delete(path(id));
  }
}
