package io.stratus.cloud.local.daemon;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Addresses from 127.43.0.0/16 that can be assigned to VMs, and firewalls whose rules are recorded
 * (loopback traffic is not filtered).
 */
final class NetworkService {
  private static final Pattern CIDR =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  private final CloudState state;

  NetworkService(CloudState state) {
    this.state = state;
  }

  Records.Ip ip(String regionId, String ipId) {
    return LiveRecords.ADDRESSES.one(state.region(regionId).ips, ipId);
  }

  List<Records.Ip> ips(String regionId) {
    return LiveRecords.ADDRESSES.all(state.region(regionId).ips);
  }

  Records.Ip requestIp(String regionId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Ip ip = new Records.Ip();
      ip.id = region.nextId("ip");
      ip.region = regionId;
      ip.address = state.allocateIpAddress();
      ip.state = "AVAILABLE";
      region.ips.put(ip.id, ip);
      state.changed(region);
      return ip;
    }
  }

  void assign(String regionId, String ipId, String vmId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Ip ip = ip(regionId, ipId);
      Records.Vm vm = LiveRecords.vmNotTerminated(region, vmId, "assign an address to");
      if (ip.vmId != null) {
        Records.Vm previous = region.vms.get(ip.vmId);
        if (previous != null) {
          previous.publicAddress = null;
        }
      }
      ip.vmId = vmId;
      ip.state = "ASSIGNED";
      vm.publicAddress = ip.address;
      state.changed(region);
    }
  }

  void unassign(String regionId, String ipId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Ip ip = ip(regionId, ipId);
      if (ip.vmId == null) {
        throw ApiException.conflict("address " + ipId + " is not assigned");
      }
      Records.Vm vm = region.vms.get(ip.vmId);
      if (vm != null) {
        vm.publicAddress = null;
      }
      ip.vmId = null;
      ip.state = "AVAILABLE";
      state.changed(region);
    }
  }

  void release(String regionId, String ipId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Ip ip = ip(regionId, ipId);
      if (ip.vmId != null) {
        Records.Vm vm = region.vms.get(ip.vmId);
        if (vm != null) {
          vm.publicAddress = null;
        }
      }
      ip.vmId = null;
      ip.state = "RELEASED";
      state.changed(region);
    }
  }

  Records.Firewall firewall(String regionId, String firewallId) {
    Records.Firewall firewall = state.region(regionId).firewalls.get(firewallId);
    if (firewall == null) {
      throw ApiException.notFound("firewall", firewallId);
    }
    return firewall;
  }

  List<Records.Firewall> firewalls(String regionId) {
    return List.copyOf(state.region(regionId).firewalls.values());
  }

  Records.Firewall createFirewall(String regionId, String name, String description) {
    RegionState region = state.region(regionId);
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("a firewall needs a name of 1..100 characters");
    }
    synchronized (state) {
      Records.Firewall firewall = new Records.Firewall();
      firewall.id = region.nextId("fw");
      firewall.region = regionId;
      firewall.name = name;
      firewall.description = description;
      region.firewalls.put(firewall.id, firewall);
      state.changed(region);
      return firewall;
    }
  }

  Records.Rule authorize(
      String regionId,
      String firewallId,
      String direction,
      String protocol,
      Integer fromPort,
      Integer toPort,
      String cidr) {
    RegionState region = state.region(regionId);
    String dir = direction == null ? "INGRESS" : direction.toUpperCase(Locale.ROOT);
    if (!dir.equals("INGRESS") && !dir.equals("EGRESS")) {
      throw ApiException.badRequest("direction must be INGRESS or EGRESS");
    }
    String proto = protocol == null ? "" : protocol.toUpperCase(Locale.ROOT);
    if (!List.of("TCP", "UDP", "ICMP", "ANY").contains(proto)) {
      throw ApiException.badRequest("protocol must be TCP, UDP, ICMP or ANY");
    }
    int from = fromPort == null ? -1 : fromPort;
    int to = toPort == null ? from : toPort;
    if (proto.equals("TCP") || proto.equals("UDP")) {
      if (from < 1 || from > 65535 || to < 1 || to > 65535 || from > to) {
        throw ApiException.badRequest("ports must be 1..65535 with fromPort <= toPort");
      }
    } else {
      from = -1;
      to = -1;
    }
    if (cidr == null || !validCidr(cidr)) {
      throw ApiException.badRequest("cidr must look like 10.0.0.0/8");
    }
    synchronized (state) {
      Records.Firewall firewall = firewall(regionId, firewallId);
      Records.Rule rule = new Records.Rule();
      rule.id = region.nextId("rule");
      rule.direction = dir;
      rule.protocol = proto;
      rule.fromPort = from;
      rule.toPort = to;
      rule.cidr = cidr;
      firewall.rules.add(rule);
      state.changed(region);
      return rule;
    }
  }

  void revoke(String regionId, String firewallId, String ruleId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Firewall firewall = firewall(regionId, firewallId);
      if (!firewall.rules.removeIf(r -> r.id.equals(ruleId))) {
        throw ApiException.notFound("rule", ruleId);
      }
      state.changed(region);
    }
  }

  void removeFirewall(String regionId, String firewallId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      firewall(regionId, firewallId);
      boolean inUse =
          region.vms.values().stream()
              .anyMatch(
                  vm -> !"TERMINATED".equals(vm.state) && vm.firewallIds.contains(firewallId));
      if (inUse) {
        throw ApiException.conflict("firewall " + firewallId + " is used by a VM");
      }
      region.firewalls.remove(firewallId);
      state.changed(region);
    }
  }

  private static boolean validCidr(String cidr) {
    var m = CIDR.matcher(cidr);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return Integer.parseInt(m.group(5)) <= 32;
  }
}
