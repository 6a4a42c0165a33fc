package io.stratus.cloud.local.daemon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes of the daemon's records: only what a client may see. */
final class Views {
  private Views() {}

  static Map<String, Object> vm(Records.Vm vm) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", vm.id);
    m.put("name", vm.name);
    m.put("regionId", vm.region);
    m.put("dataCenterId", vm.dataCenter);
    m.put("imageId", vm.imageId);
    m.put("productId", vm.productId);
    m.put("state", vm.state);
    m.put("stateReason", vm.stateReason);
    m.put("privateAddress", vm.address);
    m.put("publicAddress", vm.publicAddress);
    m.put("firewallIds", List.copyOf(vm.firewallIds));
    m.put("clientToken", vm.clientToken);
    m.put("createdAt", Instant.ofEpochMilli(vm.createdAt).toString());
    return m;
  }

  static Map<String, Object> image(Records.Image i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id);
    m.put("name", i.name);
    m.put("description", i.description);
    m.put("platform", "linux");
    m.put("architecture", Catalogue.MACHINE);
    m.put("state", i.state);
    m.put("public", i.builtin);
    m.put("sourceVmId", i.sourceVmId);
    m.put("agent", i.agent);
    return m;
  }

  static Map<String, Object> volume(Records.Volume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id);
    m.put("name", v.name);
    m.put("sizeGb", v.sizeGb);
    m.put("state", v.state);
    m.put("dataCenterId", v.dataCenter);
    m.put("vmId", v.vmId);
    m.put("device", v.device);
    m.put("fromSnapshotId", v.fromSnapshotId);
    return m;
  }

  static Map<String, Object> snapshot(Records.Snapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id);
    m.put("volumeId", s.volumeId);
    m.put("name", s.name);
    m.put("sizeGb", s.sizeGb);
    m.put("state", s.state);
    return m;
  }

  static Map<String, Object> ip(Records.Ip ip) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ip.id);
    m.put("address", ip.address);
    m.put("state", ip.state);
    m.put("vmId", ip.vmId);
    return m;
  }

  static Map<String, Object> firewall(Records.Firewall f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id);
    m.put("name", f.name);
    m.put("description", f.description);
    return m;
  }

  static Map<String, Object> rule(String firewallId, Records.Rule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id);
    m.put("firewallId", firewallId);
    m.put("direction", r.direction);
    m.put("protocol", r.protocol);
    m.put("fromPort", r.fromPort);
    m.put("toPort", r.toPort);
    m.put("cidr", r.cidr);
    return m;
  }
}
