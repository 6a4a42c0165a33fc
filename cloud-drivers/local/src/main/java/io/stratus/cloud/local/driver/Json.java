package io.stratus.cloud.local.driver;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.spi.compute.ImageState;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.cloud.spi.compute.ServerProduct;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotState;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeState;
import io.stratus.cloud.spi.network.Direction;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressState;
import io.stratus.cloud.spi.network.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The local cloud's JSON to the SPI's value types. */
final class Json {
  private Json() {}

  static <T> List<T> items(JsonNode page, Function<JsonNode, T> mapper) {
    List<T> result = new ArrayList<>();
    for (JsonNode node : page.path("items")) {
      result.add(mapper.apply(node));
    }
    return result;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static VirtualMachine vm(JsonNode n) {
    List<String> firewalls = new ArrayList<>();
    n.path("firewallIds").forEach(f -> firewalls.add(f.asText()));
    return new VirtualMachine(
        text(n, "id"),
        text(n, "name"),
        text(n, "regionId"),
        text(n, "dataCenterId"),
        text(n, "imageId"),
        text(n, "productId"),
        VmState.valueOf(text(n, "state")),
        text(n, "stateReason"),
        text(n, "privateAddress"),
        text(n, "publicAddress"),
        firewalls,
        text(n, "clientToken"),
        Instant.parse(text(n, "createdAt")));
  }

  static ServerProduct product(JsonNode n) {
    return new ServerProduct(
        text(n, "id"),
        text(n, "name"),
        n.path("cpuCount").asInt(),
        n.path("ramMb").asInt(),
        n.path("rootVolumeGb").asInt());
  }

  static MachineImage image(JsonNode n) {
    return new MachineImage(
        text(n, "id"),
        text(n, "name"),
        text(n, "description"),
        text(n, "platform"),
        ImageState.valueOf(text(n, "state")),
        n.path("public").asBoolean(),
        text(n, "sourceVmId"));
  }

  static Volume volume(JsonNode n) {
    return new Volume(
        text(n, "id"),
        text(n, "name"),
        n.path("sizeGb").asInt(),
        VolumeState.valueOf(text(n, "state")),
        text(n, "dataCenterId"),
        text(n, "vmId"),
        text(n, "device"),
        text(n, "fromSnapshotId"));
  }

  static Snapshot snapshot(JsonNode n) {
    return new Snapshot(
        text(n, "id"),
        text(n, "volumeId"),
        text(n, "name"),
        n.path("sizeGb").asInt(),
        SnapshotState.valueOf(text(n, "state")));
  }

  static IpAddress ip(JsonNode n) {
    return new IpAddress(
        text(n, "id"),
        text(n, "address"),
        IpAddressState.valueOf(text(n, "state")),
        text(n, "vmId"));
  }

  static Firewall firewall(JsonNode n) {
    return new Firewall(text(n, "id"), text(n, "name"), text(n, "description"));
  }

  static FirewallRule rule(JsonNode n) {
    return new FirewallRule(
        text(n, "id"),
        text(n, "firewallId"),
        Direction.valueOf(text(n, "direction")),
        Protocol.valueOf(text(n, "protocol")),
        n.path("fromPort").asInt(),
        n.path("toPort").asInt(),
        text(n, "cidr"));
  }
}
