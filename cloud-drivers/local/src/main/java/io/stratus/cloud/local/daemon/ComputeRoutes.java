package io.stratus.cloud.local.daemon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The virtual machine endpoints. */
final class ComputeRoutes {
  private final VmService vms;

  private static final String ID = ApiRoutes.ID;
  private static final String REGION = ApiRoutes.REGION;

  private final Guard guard;

  ComputeRoutes(VmService vms, Guard guard) {
    this.vms = vms;
    this.guard = guard;
  }

  void registerVms(ApiServer api) {
    api.route(
        "POST",
        REGION + "/vms",
        201,
        (p, q, b) -> {
          guard.check(p);
          return Views.vm(
              vms.launch(
                  p.get(0),
                  new VmService.LaunchRequest(
                      Bodies.text(b, "imageId"),
                      Bodies.text(b, "productId"),
                      Bodies.text(b, "dataCenterId"),
                      Bodies.text(b, "name"),
                      Bodies.text(b, "userData"),
                      Bodies.texts(b, "firewallIds"),
                      Bodies.text(b, "clientToken"))));
        });
    api.route(
        "GET",
        REGION + "/vms",
        200,
        (p, q, b) -> {
          guard.check(p);
          int size = Bodies.pageSize(q.get("pageSize"));
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
          guard.check(p);
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/vms/" + ID + "/start",
        200,
        (p, q, b) -> {
          guard.check(p);
          vms.start(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/vms/" + ID + "/stop",
        200,
        (p, q, b) -> {
          guard.check(p);
          vms.stop(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "POST",
        REGION + "/vms/" + ID + "/reboot",
        200,
        (p, q, b) -> {
          guard.check(p);
          vms.reboot(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "DELETE",
        REGION + "/vms/" + ID,
        200,
        (p, q, b) -> {
          guard.check(p);
          vms.terminate(p.get(0), p.get(1));
          return Views.vm(vms.get(p.get(0), p.get(1)));
        });
    api.route(
        "GET",
        REGION + "/vms/" + ID + "/sample",
        200,
        (p, q, b) -> {
          guard.check(p);
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
}
