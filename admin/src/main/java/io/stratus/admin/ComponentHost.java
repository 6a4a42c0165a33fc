package io.stratus.admin;

import io.stratus.common.registry.ComponentRegistry;

/** This host's name, for defaults. */
final class ComponentHost {
  private ComponentHost() {}

  static String local() {
    return ComponentRegistry.hostName();
  }
}
