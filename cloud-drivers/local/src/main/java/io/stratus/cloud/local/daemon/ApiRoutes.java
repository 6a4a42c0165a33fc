package io.stratus.cloud.local.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every endpoint of the daemon's API, wired to the services. Paths are under {@code /regions}. */
final class ApiRoutes {
  private static final String ID = "([A-Za-z0-9._-]+)";
  private static final String REGION = "/regions/" + ID;

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
          return Map.of("items", Catalogue.PRODUCTS);
        });
    registerVms(api);
    registerStorage(api);
    registerNetwork(api);
  }

  private void registerVms(ApiServer api) {
    api.route(
        "POST",
        REGION + "/vms",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.vm(
              vms.launch(
                  p.get(0),
                  new VmService.LaunchRequest(
                      text(b, "imageId"),
                      text(b, "productId"),
                      text(b, "dataCenterId"),
                      text(b, "name"),
                      text(b, "userData"),
                      texts(b, "firewallIds"),
                      text(b, "clientToken"))));
        });
    api.route(
        "GET",
        REGION + "/vms",
        200,
        (p, q, b) -> {
          guard(p);
          int size = pageSize(q.get("pageSize"));
          List<Records.Vm> page =
              vms.list(
                  p.get(0),
                  q.get("pageToken"),
                  size,
                  ApiServer.states(q.get("state")),
                  q.get("namePrefix"));
          boolean more = page.size() > size;
          List<Records.Vm> items = more ? page.subList(0, size) : page;
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("items", items.stream().map(Views::vm).toList());
          result.put("nextPageToken", more ? items.get(items.size() - 1).id : null);
          return result;
        });
    api.route(
        "GET",
        REGION + "/vms/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/vms/" + ID + "/start",
        200,
        (p, q, b) -> {
          guard(p);
          vms.start(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/vms/" + ID + "/stop",
        200,
        (p, q, b) -> {
          guard(p);
          vms.stop(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/vms/" + ID + "/reboot",
        200,
        (p, q, b) -> {
          guard(p);
          vms.reboot(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "DELETE",
        REGION + "/vms/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          vms.terminate(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "GET",
        REGION + "/vms/" + ID + "/sample",
        200,
        (p, q, b) -> {
          guard(p);
          return vms.sample(p.get(0), p.get(1))
              .map(
                  s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("vmId", p.get(1));
                    m.put("at", Instant.now().toString());
                    m.put("cpuPercent", s[0]);
                    m.put("memoryBytes", (long) s[1]);
                    return (Object) m;
                  })
              .orElseThrow(() -> ApiException.conflict("VM " + p.get(1) + " is not running"));
        });
  }

  private void registerStorage(ApiServer api) {
    api.route(
        "GET",
        REGION + "/images",
        200,
        (p, q, b) -> {
          guard(p);
          return items(storage.images(p.get(0)).stream().map(Views::image).toList());
        });
    api.route(
        "GET",
        REGION + "/images/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          return Views.image(storage.image(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/images",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.image(storage.capture(p.get(0), required(b, "vmId"), text(b, "name")));
        });
    api.route(
        "DELETE",
        REGION + "/images/" + ID,
        204,
        (p, q, b) -> {
          guard(p);
          storage.removeImage(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/volume-products",
        200,
        (p, q, b) -> {
          guard(p);
          return items(
              List.of(
                  Map.of(
                      "id",
                      "standard",
                      "name",
                      "Standard (sparse file)",
                      "minSizeGb",
                      Catalogue.MIN_VOLUME_GB,
                      "maxSizeGb",
                      Catalogue.MAX_VOLUME_GB)));
        });
    api.route(
        "GET",
        REGION + "/volumes",
        200,
        (p, q, b) -> {
          guard(p);
          return items(storage.volumes(p.get(0)).stream().map(Views::volume).toList());
        });
    api.route(
        "GET",
        REGION + "/volumes/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          return Views.volume(storage.volume(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/volumes",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.volume(
              storage.createVolume(
                  p.get(0), text(b, "name"), integer(b, "sizeGb"), text(b, "dataCenterId")));
        });
    api.route(
        "POST",
        REGION + "/volumes/" + ID + "/attach",
        200,
        (p, q, b) -> {
          guard(p);
          storage.attach(p.get(0), p.get(1), required(b, "vmId"), required(b, "device"));
          return Views.volume(storage.volume(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/volumes/" + ID + "/detach",
        200,
        (p, q, b) -> {
          guard(p);
          storage.detach(p.get(0), p.get(1));
          return Views.volume(storage.volume(p.get(0), p.get(1)));
        });
    api.route(
        "DELETE",
        REGION + "/volumes/" + ID,
        204,
        (p, q, b) -> {
          guard(p);
          storage.removeVolume(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/snapshots",
        200,
        (p, q, b) -> {
          guard(p);
          return items(storage.snapshots(p.get(0)).stream().map(Views::snapshot).toList());
        });
    api.route(
        "GET",
        REGION + "/snapshots/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          return Views.snapshot(storage.snapshot(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/snapshots",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.snapshot(
              storage.createSnapshot(p.get(0), required(b, "volumeId"), text(b, "name")));
        });
    api.route(
        "DELETE",
        REGION + "/snapshots/" + ID,
        204,
        (p, q, b) -> {
          guard(p);
          storage.removeSnapshot(p.get(0), p.get(1));
          return null;
        });
  }

  private void registerNetwork(ApiServer api) {
    api.route(
        "GET",
        REGION + "/ips",
        200,
        (p, q, b) -> {
          guard(p);
          return items(network.ips(p.get(0)).stream().map(Views::ip).toList());
        });
    api.route(
        "GET",
        REGION + "/ips/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          return Views.ip(network.ip(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/ips",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.ip(network.requestIp(p.get(0)));
        });
    api.route(
        "POST",
        REGION + "/ips/" + ID + "/assign",
        200,
        (p, q, b) -> {
          guard(p);
          network.assign(p.get(0), p.get(1), required(b, "vmId"));
          return Views.ip(network.ip(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/ips/" + ID + "/unassign",
        200,
        (p, q, b) -> {
          guard(p);
          network.unassign(p.get(0), p.get(1));
          return Views.ip(network.ip(p.get(0), p.get(1)));
        });
    api.route(
        "DELETE",
        REGION + "/ips/" + ID,
        204,
        (p, q, b) -> {
          guard(p);
          network.release(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/firewalls",
        200,
        (p, q, b) -> {
          guard(p);
          return items(network.firewalls(p.get(0)).stream().map(Views::firewall).toList());
        });
    api.route(
        "GET",
        REGION + "/firewalls/" + ID,
        200,
        (p, q, b) -> {
          guard(p);
          return Views.firewall(network.firewall(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/firewalls",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.firewall(
              network.createFirewall(p.get(0), text(b, "name"), text(b, "description")));
        });
    api.route(
        "DELETE",
        REGION + "/firewalls/" + ID,
        204,
        (p, q, b) -> {
          guard(p);
          network.removeFirewall(p.get(0), p.get(1));
          return null;
        });
    api.route(
        "GET",
        REGION + "/firewalls/" + ID + "/rules",
        200,
        (p, q, b) -> {
          guard(p);
          Records.Firewall firewall = network.firewall(p.get(0), p.get(1));
          return items(firewall.rules.stream().map(r -> Views.rule(firewall.id, r)).toList());
        });
    api.route(
        "POST",
        REGION + "/firewalls/" + ID + "/rules",
        201,
        (p, q, b) -> {
          guard(p);
          return Views.rule(
              p.get(1),
              network.authorize(
                  p.get(0),
                  p.get(1),
                  text(b, "direction"),
                  text(b, "protocol"),
                  integer(b, "fromPort"),
                  integer(b, "toPort"),
                  text(b, "cidr")));
        });
    api.route(
        "DELETE",
        REGION + "/firewalls/" + ID + "/rules/" + ID,
        204,
        (p, q, b) -> {
          guard(p);
          network.revoke(p.get(0), p.get(1), p.get(2));
          return null;
        });
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
    return items(items);
  }

  /** The region exists; a simulated one may answer with an injected error. */
  private void guard(List<String> path) {
    ErrorInjector.maybeFail(state.regionSettings(path.get(0)));
  }

  private static Map<String, Object> items(List<?> items) {
    return Map.of("items", items);
  }

  private static int pageSize(String value) {
    if (value == null) {
      return 100;
    }
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= 1000) {
        return size;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.badRequest("pageSize must be 1..1000");
  }

  static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return node.asText();
  }

  static String required(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field + " is required");
    }
    return value;
  }

  static Integer integer(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiException.badRequest(field + " must be a whole number");
    }
    return node.asInt();
  }

  static List<String> texts(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest(field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw ApiException.badRequest(field + " must be an array of strings");
      }
      values.add(item.asText());
    }
    return values;
  }
}
