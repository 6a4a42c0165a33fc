package io.stratus.cloud.spi.compute;

import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Virtual machines in one region. Every method may throw {@link
 * io.stratus.cloud.spi.CloudException}: NOT_FOUND for an unknown id, INVALID_STATE when the
 * machine's state forbids the operation (see {@link #capabilities()}), INVALID_REQUEST for a bad
 * image, product or name, and the retryable types when the cloud is busy or unreachable.
 */
public interface VirtualMachineSupport {
  VirtualMachineCapabilities capabilities();

  /** Starts a machine; returns it, usually PENDING. Idempotent with a client token. */
  VirtualMachine launch(VmLaunchOptions options);

  Page<VirtualMachine> list(VmFilter filter, PageRequest page);

  /** The machine, or empty if the cloud does not know it (any more). */
  Optional<VirtualMachine> get(String vmId);

  void start(String vmId);

  void stop(String vmId);

  void reboot(String vmId);

  void terminate(String vmId);

  List<ServerProduct> listProducts();

  /** A current CPU and memory reading; empty when the machine is not running. */
  default Optional<VmSample> sample(String vmId) {
    throw new io.stratus.cloud.spi.OperationNotSupportedException("machine samples");
  }
}
