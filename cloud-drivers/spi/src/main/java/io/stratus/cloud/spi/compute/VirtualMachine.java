package io.stratus.cloud.spi.compute;

import java.time.Instant;
import java.util.List;

/**
 * A virtual machine as the cloud reports it.
 *
 * @param stateReason why it is in its state when the cloud says (e.g. why it stopped), or null
 * @param clientToken the token it was launched with, or null
 */
public record VirtualMachine(
    String id,
    String name,
    String regionId,
    String dataCenterId,
    String imageId,
    String productId,
    VmState state,
    String stateReason,
    String privateAddress,
    String publicAddress,
    List<String> firewallIds,
    String clientToken,
    Instant createdAt) {
  public VirtualMachine {
    firewallIds = firewallIds == null ? List.of() : List.copyOf(firewallIds);
  }
}
