package io.stratus.cloud.spi.compute;

import java.util.List;
import java.util.Objects;

/**
 * What to launch. {@code clientToken} makes a launch idempotent: launching again with the same
 * token returns the machine the first launch made instead of a second one.
 */
public record VmLaunchOptions(
    String imageId,
    String productId,
    String dataCenterId,
    String name,
    String userData,
    List<String> firewallIds,
    String clientToken) {
  public VmLaunchOptions {
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(name, "name");
    firewallIds = firewallIds == null ? List.of() : List.copyOf(firewallIds);
  }

  /** Leaves user data out: it may carry secrets (an agent's bootstrap token, the user's own). */
  @Override
  public String toString() {
    return "VmLaunchOptions[imageId="
        + imageId
        + ", productId="
        + productId
        + ", dataCenterId="
        + dataCenterId
        + ", name="
        + name
        + ", userData="
        + (userData == null ? "none" : userData.length() + " characters")
        + ", firewallIds="
        + firewallIds
        + ", clientToken="
        + clientToken
        + "]";
  }

  public static VmLaunchOptions of(String imageId, String productId, String name) {
    return new VmLaunchOptions(imageId, productId, null, name, null, List.of(), null);
  }

  public VmLaunchOptions withClientToken(String token) {
    return new VmLaunchOptions(
        imageId, productId, dataCenterId, name, userData, firewallIds, token);
  }

  public VmLaunchOptions withUserData(String data) {
    return new VmLaunchOptions(
        imageId, productId, dataCenterId, name, data, firewallIds, clientToken);
  }

  public VmLaunchOptions inDataCenter(String dataCenter) {
    return new VmLaunchOptions(
        imageId, productId, dataCenter, name, userData, firewallIds, clientToken);
  }
}
