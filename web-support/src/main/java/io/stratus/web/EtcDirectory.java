package io.stratus.web;

import java.nio.file.Path;

/** Where a WAR finds its properties in a standalone Tomcat. */
public final class EtcDirectory {
  private EtcDirectory() {}

  /**
   * {@code $STRATUS_ETC}, else the system property {@code stratus.etc}, else {@code
   * /services/<component>/etc} (the distribution's layout).
   */
  public static Path of(String component) {
    String env = System.getenv("STRATUS_ETC");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("stratus.etc", "/services/" + component + "/etc"));
  }
}
