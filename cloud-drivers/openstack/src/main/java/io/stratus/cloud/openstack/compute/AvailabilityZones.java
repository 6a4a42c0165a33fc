package io.stratus.cloud.openstack.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /os-availability-zone}: the data centres of a region. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AvailabilityZones(List<Zone> availabilityZoneInfo) {
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Zone(String zoneName, ZoneState zoneState) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ZoneState(boolean available) {}
}
