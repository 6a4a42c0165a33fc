package io.stratus.cloud.openstack.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An image as Glance v2 answers it; {@code instance_uuid} is set on Nova's snapshots. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GlanceImage(
    String id,
    String name,
    String status,
    String visibility,
    @JsonProperty("os_type") String osType,
    @JsonProperty("os_distro") String osDistro,
    @JsonProperty("instance_uuid") String instanceUuid,
    @JsonProperty("stratus_agent") String stratusAgent) {

  /** {@code GET /v2/images}: a page, and the path of the next one. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Many(List<GlanceImage> images, String next) {}
}
