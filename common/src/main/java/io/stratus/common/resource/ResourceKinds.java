package io.stratus.common.resource;

import io.stratus.common.resource.kinds.Admin;
import io.stratus.common.resource.kinds.Geography;
import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.common.resource.kinds.Network;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

  /**
   * Every kind the API lists and documents: {@link #ALL}, the customer's cloud accounts and jobs.
   * The console lists accounts on a page of its own and offers them in its filters by reading
   * {@code cloud_account} directly, so {@link Admin#ACCOUNT} joins {@link #ALL} (and with it {@link
   * #named}, which the console reads) only when the console moves onto it.
   */
  public static final List<ResourceKind> API =
      Stream.concat(ALL.stream(), Stream.of(Admin.ACCOUNT, Admin.JOB)).toList();

  /** The kind the API serves at {@code family/name}, e.g. {@code infrastructure/Snapshot}. */
  public static Optional<ResourceKind> served(String family, String name) {
    return API.stream().filter(k -> k.family().equals(family) && k.name().equals(name)).findFirst();
  }

  /** The kind enStratus calls {@code name}, e.g. {@code Snapshot}. */
  public static Optional<ResourceKind> named(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }
}
