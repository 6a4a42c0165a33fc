package io.stratus.worker.subscriber.task;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.Direction;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressSupport;
import io.stratus.cloud.spi.network.Protocol;
import io.stratus.common.job.Action;
import io.stratus.common.task.Task;
import io.stratus.common.task.TaskHandler;
import java.util.Locale;
import java.util.Map;

/** IP address and firewall tasks. */
public final class NetworkTasks {
  private NetworkTasks() {}

  public static Map<String, TaskHandler> handlers(TaskContext context) {
    return Map.of(
        Action.IP_REQUEST.kind(), new ResourceStep(context, NetworkTasks::requestAddress),
        Action.IP_ASSIGN.kind(), new ResourceStep(context, NetworkTasks::assignAddress),
        Action.IP_UNASSIGN.kind(), new ResourceStep(context, NetworkTasks::unassignAddress),
        Action.IP_RELEASE.kind(), new ResourceStep(context, NetworkTasks::releaseAddress),
        Action.FIREWALL_CREATE.kind(), new ResourceStep(context, NetworkTasks::createFirewall),
        Action.FIREWALL_AUTHORIZE.kind(), new ResourceStep(context, NetworkTasks::authorize),
        Action.FIREWALL_REVOKE.kind(), new ResourceStep(context, NetworkTasks::revoke),
        Action.FIREWALL_REMOVE.kind(), new ResourceStep(context, NetworkTasks::removeFirewall));
  }

  private static IpAddressSupport addresses(CloudProvider provider) {
    return provider
        .network()
        .flatMap(n -> n.ipAddresses())
        .orElseThrow(() -> CloudTask.missing("static IP addresses"));
  }

  private static FirewallSupport firewalls(CloudProvider provider) {
    return provider
        .network()
        .flatMap(n -> n.firewalls())
        .orElseThrow(() -> CloudTask.missing("firewalls"));
  }

  private static void recordAddress(
      ResourceStep step, Task task, long id, IpAddress ip, Long serverId) {
    String state = ip.state().name().toLowerCase(Locale.ROOT);
    step.jdbc
        .sql(
            "UPDATE ip_address SET provider_ip_id = ?, address = ?, state = ?, server_id = ? WHERE id = ?")
        .params(ip.id(), ip.address(), state, serverId, id)
        .update();
    step.event("ip", task, id, state);
  }

  private static String requestAddress(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    IpAddressSupport addresses = addresses(provider);
    IpAddress ip =
        row.get("provider_ip_id") == null
            ? addresses.request()
            : addresses
                .get((String) row.get("provider_ip_id"))
                .orElseThrow(() -> CloudTask.gone("IP address", id));
    recordAddress(step, task, id, ip, null);
    return "IP address " + id + " is " + ip.address();
  }

  private static String assignAddress(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    long serverId = CloudTask.payload(task).path("serverId").asLong();
    IpAddressSupport addresses = addresses(provider);
    String providerId = (String) row.get("provider_ip_id");
    String vm = step.providerId("server", serverId);
    IpAddress ip = addresses.get(providerId).orElseThrow(() -> CloudTask.gone("IP address", id));
    if (!vm.equals(ip.vmId())) {
      addresses.assign(providerId, vm);
      ip = addresses.get(providerId).orElseThrow(() -> CloudTask.gone("IP address", id));
    }
    recordAddress(step, task, id, ip, serverId);
    step.jdbc
        .sql("UPDATE server SET public_ip = ? WHERE id = ?")
        .params(ip.address(), serverId)
        .update();
    return "IP address " + ip.address() + " is assigned to server " + serverId;
  }

  private static String unassignAddress(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    IpAddressSupport addresses = addresses(provider);
    String providerId = (String) row.get("provider_ip_id");
    IpAddress ip = addresses.get(providerId).orElseThrow(() -> CloudTask.gone("IP address", id));
    if (ip.vmId() != null) {
      addresses.unassign(providerId);
      ip = addresses.get(providerId).orElseThrow(() -> CloudTask.gone("IP address", id));
    }
    if (row.get("server_id") != null) {
      step.jdbc
          .sql("UPDATE server SET public_ip = NULL WHERE id = ? AND public_ip = ?")
          .params(row.get("server_id"), row.get("address"))
          .update();
    }
    recordAddress(step, task, id, ip, null);
    return "IP address " + ip.address() + " is unassigned";
  }

  private static String releaseAddress(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    IpAddressSupport addresses = addresses(provider);
    ResourceStep.removeIfLive(
        (String) row.get("provider_ip_id"),
        addresses::get,
        ip -> !"RELEASED".equals(ip.state().name()),
        addresses::release);
    step.settle("ip_address", "ip", task, id, "released");
    return "IP address " + row.get("address") + " is released";
  }

  private static String createFirewall(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    FirewallSupport firewalls = firewalls(provider);
    if (row.get("provider_firewall_id") == null) {
      Firewall made = firewalls.create((String) row.get("name"), (String) row.get("description"));
      step.set("firewall", id, "provider_firewall_id", made.id());
    }
    step.settle("firewall", "firewall", task, id, "active");
    return "firewall " + id + " is active";
  }

  private static String authorize(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    var payload = CloudTask.payload(task);
    Direction direction = Direction.valueOf(payload.path("direction").asText());
    Protocol protocol = Protocol.valueOf(payload.path("protocol").asText());
    int from = payload.path("fromPort").asInt();
    int to = payload.path("toPort").asInt();
    String cidr = payload.path("cidr").asText();
    FirewallSupport firewalls = firewalls(provider);
    String providerId = (String) row.get("provider_firewall_id");
    FirewallRule rule =
        firewalls.listRules(providerId).stream()
            .filter(
                r ->
                    r.direction() == direction
                        && r.protocol() == protocol
                        && r.fromPort() == from
                        && r.toPort() == to
                        && r.cidr().equals(cidr))
            .findFirst()
            .orElseGet(() -> firewalls.authorize(providerId, direction, protocol, from, to, cidr));
    Long known =
        step.jdbc
            .sql("SELECT id FROM firewall_rule WHERE firewall_id = ? AND provider_rule_id = ?")
            .params(id, rule.id())
            .query(Long.class)
            .optional()
            .orElse(null);
    if (known == null) {
      step.jdbc
          .sql(
              """
              INSERT INTO firewall_rule (customer_id, firewall_id, provider_rule_id, direction,
                                         protocol, from_port, to_port, source_cidr)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              row.get("customer_id"),
              id,
              rule.id(),
              direction.name(),
              protocol.name(),
              from,
              to,
              cidr)
          .update();
      known =
          step.jdbc
              .sql("SELECT id FROM firewall_rule WHERE firewall_id = ? AND provider_rule_id = ?")
              .params(id, rule.id())
              .query(Long.class)
              .single();
    }
    step.event("firewall", task, id, "changed");
    return "rule " + known + " allows " + protocol + " " + from + "-" + to + " from " + cidr;
  }

  private static String revoke(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    long ruleId = CloudTask.payload(task).path("ruleId").asLong();
    String providerRule =
        step.jdbc
            .sql("SELECT provider_rule_id FROM firewall_rule WHERE id = ? AND firewall_id = ?")
            .params(ruleId, id)
            .query(String.class)
            .optional()
            .orElse(null);
    if (providerRule != null) {
      FirewallSupport firewalls = firewalls(provider);
      String providerId = (String) row.get("provider_firewall_id");
      if (firewalls.listRules(providerId).stream().anyMatch(r -> r.id().equals(providerRule))) {
        firewalls.revoke(providerId, providerRule);
      }
      step.jdbc.sql("DELETE FROM firewall_rule WHERE id = ?").param(ruleId).update();
    }
    step.event("firewall", task, id, "changed");
    return "rule " + ruleId + " is revoked";
  }

  private static String removeFirewall(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    FirewallSupport firewalls = firewalls(provider);
    ResourceStep.removeIfLive(
        (String) row.get("provider_firewall_id"), firewalls::get, f -> true, firewalls::remove);
    step.jdbc.sql("DELETE FROM firewall_rule WHERE firewall_id = ?").param(id).update();
    step.settle("firewall", "firewall", task, id, "deleted");
    return "firewall " + id + " is removed";
  }
}
