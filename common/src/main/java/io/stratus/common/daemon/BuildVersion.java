package io.stratus.common.daemon;

/** The version a component reports to the registry: its jar's manifest, or "dev" from sources. */
public final class BuildVersion {
  private BuildVersion() {}

  public static String of(Class<?> componentClass) {
    String version = componentClass.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
