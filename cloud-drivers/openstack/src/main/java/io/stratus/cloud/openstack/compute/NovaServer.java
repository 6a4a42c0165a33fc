package io.stratus.cloud.openstack.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A server as Nova's {@code GET /servers/{id}} and {@code /servers/detail} answer it (2.1–2.46).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record NovaServer(
    String id,
    String name,
    String status,
    @JsonProperty("OS-EXT-STS:task_state") String taskState,
    @JsonProperty("OS-EXT-AZ:availability_zone") String availabilityZone,
    JsonNode image,
    Ref flavor,
    Map<String, List<Address>> addresses,
    Map<String, String> metadata,
    @JsonProperty("security_groups") List<Named> securityGroups,
    Fault fault,
    String created) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Ref(String id) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Named(String name) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Address(String addr, @JsonProperty("OS-EXT-IPS:type") String type, Integer version) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Fault(String message) {}

  /** {@code {"server": {...}}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record One(NovaServer server) {}

  /** {@code {"servers": [...], "servers_links": [...]}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Many(List<NovaServer> servers, @JsonProperty("servers_links") List<Link> links) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Link(String rel, String href) {}

  /** The image id ({@code image} is an object, or "" for a server booted from a volume). */
  String imageId() {
    return image != null && image.isObject() ? image.path("id").asText(null) : null;
  }
}
