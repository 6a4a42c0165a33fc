package io.stratus.cloud.local.driver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.compute.Architecture;
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
import java.io.IOException;
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

  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * A page of the VM listing, read as a stream of tokens straight into the value types: a listing
   * of 1,000 VMs is the driver's largest answer, and building its tree first cost more than the
   * values themselves. Reads the same fields as {@link #vm(JsonNode)}; unknown fields are skipped.
   */
  static Page<VirtualMachine> vmPage(byte[] body) throws IOException {
    List<VirtualMachine> items = new ArrayList<>();
    String nextPageToken = null;
    if (body.length == 0) {
      return new Page<>(items, null); // an empty answer, read as the tree reading did
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("items".equals(field) && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            items.add(vm(p));
          }
        } else if ("nextPageToken".equals(field)) {
          nextPageToken = scalar(p);
        } else {
          p.skipChildren();
        }
      }
    }
    return new Page<>(items, nextPageToken);
  }

  /** One VM object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
  private static VirtualMachine vm(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String regionId = null;
    String dataCenterId = null;
    String imageId = null;
    String productId = null;
    String state = null;
    String stateReason = null;
    String privateAddress = null;
    String publicAddress = null;
    List<String> firewalls = new ArrayList<>();
    String clientToken = null;
    String createdAt = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "id" -> id = scalar(p);
        case "name" -> name = scalar(p);
        case "regionId" -> regionId = scalar(p);
        case "dataCenterId" -> dataCenterId = scalar(p);
        case "imageId" -> imageId = scalar(p);
        case "productId" -> productId = scalar(p);
        case "state" -> state = scalar(p);
        case "stateReason" -> stateReason = scalar(p);
        case "privateAddress" -> privateAddress = scalar(p);
        case "publicAddress" -> publicAddress = scalar(p);
        case "clientToken" -> clientToken = scalar(p);
        case "createdAt" -> createdAt = scalar(p);
        case "firewallIds" -> {
          if (value == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              JsonToken element = p.currentToken();
              if (element.isStructStart()) {
                p.skipChildren();
                firewalls.add("");
              } else {
                firewalls.add(element == JsonToken.VALUE_NULL ? "null" : p.getText());
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new VirtualMachine(
        id,
        name,
        regionId,
        dataCenterId,
        imageId,
        productId,
        VmState.valueOf(state),
        stateReason,
        privateAddress,
        publicAddress,
        firewalls,
        clientToken,
        Instant.parse(createdAt));
  }

  /** The current value as {@link #text} reads it: null for JSON null, else its text. */
  private static String scalar(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token.isStructStart()) {
      p.skipChildren();
      return "";
    }
    return p.getText();
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new JsonParseException(null, "expected " + expected + ", found " + actual);
    }
  }

  static ServerProduct product(JsonNode n) {
    return new ServerProduct(
        text(n, "id"),
        text(n, "name"),
        n.path("cpuCount").asInt(),
        n.path("ramMb").asInt(),
        n.path("rootVolumeGb").asInt(),
        Architecture.ofMachine(text(n, "architecture")).orElse(null));
  }

  static MachineImage image(JsonNode n) {
    return new MachineImage(
        text(n, "id"),
        text(n, "name"),
        text(n, "description"),
        text(n, "platform"),
        ImageState.valueOf(text(n, "state")),
        n.path("public").asBoolean(),
        text(n, "sourceVmId"),
        n.path("agent").asBoolean(),
        Architecture.ofMachine(text(n, "architecture")).orElse(null));
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
