package io.stratus.common.daemon;

import io.stratus.common.config.Config;

/** Builds a component from its configuration; validation failures are thrown here, at start. */
@FunctionalInterface
public interface ComponentFactory {
  Component create(Config config) throws Exception;
}
