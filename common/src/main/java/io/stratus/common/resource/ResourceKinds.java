package io.stratus.common.resource;

import io.stratus.common.resource.kinds.Geography;
import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.common.resource.kinds.Network;
import java.util.List;
import java.util.Optional;

/** Every declared resource kind; the API, its OpenAPI document and the console read this list. */
public final class ResourceKinds {
  private ResourceKinds() {}

  public static final List<ResourceKind> ALL =
      List.of(
          Geography.CLOUD,
          Geography.REGION,
          Geography.DATA_CENTER,
          Infrastructure.SERVER,
          Infrastructure.MACHINE_IMAGE,
          Infrastructure.SERVER_PRODUCT,
          Infrastructure.VOLUME_PRODUCT,
          Infrastructure.VOLUME,
          Infrastructure.SNAPSHOT,
          Network.FIREWALL,
          Network.FIREWALL_RULE,
          Network.IP_ADDRESS);

  /** The kind enStratus calls {@code name}, e.g. {@code Snapshot}. */
  public static Optional<ResourceKind> named(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }
}
