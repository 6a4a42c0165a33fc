package io.stratus.cloud.spi.compute;

import java.util.Set;

/** Which machines to list: by state (empty means any) and by name prefix (null means any). */
public record VmFilter(Set<VmState> states, String namePrefix) {
  public static final VmFilter ALL = new VmFilter(Set.of(), null);

  public VmFilter {
    states = Set.copyOf(states);
  }

  public boolean matches(VirtualMachine vm) {
    return (states.isEmpty() || states.contains(vm.state()))
        && (namePrefix == null || vm.name().startsWith(namePrefix));
  }
}
