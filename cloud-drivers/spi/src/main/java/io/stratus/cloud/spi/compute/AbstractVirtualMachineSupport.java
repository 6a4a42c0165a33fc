package io.stratus.cloud.spi.compute;

import io.stratus.cloud.spi.OperationNotSupportedException;
import java.util.List;

/**
 * A base for drivers: everything beyond listing and launching throws {@link
 * OperationNotSupportedException} until the driver overrides it.
 */
public abstract class AbstractVirtualMachineSupport implements VirtualMachineSupport {
  @Override
  public void start(String vmId) {
    throw new OperationNotSupportedException("starting a machine");
  }

  @Override
  public void stop(String vmId) {
    throw new OperationNotSupportedException("stopping a machine");
  }

  @Override
  public void reboot(String vmId) {
    throw new OperationNotSupportedException("rebooting a machine");
  }

  @Override
  public void terminate(String vmId) {
    throw new OperationNotSupportedException("terminating a machine");
  }

  @Override
  public List<ServerProduct> listProducts() {
    throw new OperationNotSupportedException("listing products");
  }
}
