package io.stratus.cloud.openstack.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A flavour, as {@code GET /flavors/detail} answers it: a server product. */
@JsonIgnoreProperties(ignoreUnknown = true)
record NovaFlavor(String id, String name, int vcpus, int ram, int disk) {
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Many(List<NovaFlavor> flavors) {}
}
