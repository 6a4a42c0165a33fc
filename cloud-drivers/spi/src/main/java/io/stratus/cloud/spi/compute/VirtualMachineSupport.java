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

  /**
   * One page of the machines the filter takes. Paged through, a listing holds every machine that
   * existed before it began, each once; a machine still being created while it runs may be listed
   * late or not at all (OpenStack lists servers being scheduled apart from the others, so one can
   * fall between two pages). So a machine one listing lacks is not known to be gone: {@link #get}
   * it (the cache refresh does, for a machine it knows as being created).
   */
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
