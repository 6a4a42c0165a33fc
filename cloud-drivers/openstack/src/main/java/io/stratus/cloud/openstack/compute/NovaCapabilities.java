package io.stratus.cloud.openstack.compute;

import io.stratus.cloud.spi.compute.VirtualMachineCapabilities;
import java.util.regex.Pattern;

/**
 * What Nova does, with what this cloud's network service adds: firewalls (security groups) and
 * addresses only where a real Neutron offers them.
 */
record NovaCapabilities(boolean supportsFirewalls, boolean assignsPrivateAddresses)
    implements VirtualMachineCapabilities {
  /** Nova refuses leading and trailing white space; 255 characters at most. */
  private static final Pattern NAME = Pattern.compile("\\S(.*\\S)?");

  @Override
  public Pattern namePattern() {
    return NAME;
  }

  @Override
  public String nameRule() {
    return "up to 255 characters, not beginning or ending with a space";
  }

  @Override
  public int maxNameLength() {
    return 255;
  }

  @Override
  public boolean requiresDataCenter() {
    return false;
  }

  @Override
  public boolean supportsUserData() {
    return true;
  }

  @Override
  public boolean supportsClientToken() {
    return true;
  }

  @Override
  public boolean supportsSamples() {
    return false;
  }

  @Override
  public int maxMachines() {
    return 0;
  }
}
