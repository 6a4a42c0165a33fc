package io.stratus.cloud.openstack.compute;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /servers}. */
record ServerCreate(Server server) {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Server(
      String name,
      String imageRef,
      String flavorRef,
      @JsonProperty("availability_zone") String availabilityZone,
      @JsonProperty("user_data") String userData,
      @JsonProperty("key_name") String keyName,
      @JsonProperty("security_groups") List<Map<String, String>> securityGroups,
      Map<String, String> metadata,
      Object networks,
      @JsonProperty("min_count") Integer minCount,
      @JsonProperty("max_count") Integer maxCount) {}

  /** The answer: {@code {"server": {"id": ...}}}. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record Created(NovaServer.Ref server) {}
}
