package io.stratus.cloud.openstack.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratus.cloud.openstack.http.ServiceClient;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;

/**
 * A Nova API microversion such as 2.46, and the negotiation of the one this driver speaks: the
 * highest both it and the cloud know, read from the compute endpoint's version document.
 */
record Microversion(int major, int minor) implements Comparable<Microversion> {
  /**
   * The newest this driver was written for. 2.37 made {@code networks} a required launch field;
   * 2.45 made {@code createImage} answer the image's id in its body; from 2.47 a server names its
   * flavour by name instead of id, which this driver does not read.
   */
  static final Microversion NEWEST = new Microversion(2, 46);

  static final Microversion BASE = new Microversion(2, 1);

  static Microversion parse(String text) {
    if (text == null || text.isBlank()) {
      return BASE;
    }
    String[] parts = text.trim().split("\\.");
    try {
      return new Microversion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (RuntimeException e) {
      throw new CloudException(
          CloudErrorType.COMMUNICATION, "Nova announced a microversion that is not one: " + text);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record VersionDocument(Version version) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Version(String version, @JsonProperty("min_version") String minVersion) {}
  }

  /**
   * What each compute endpoint negotiated, so a worker connecting a provider per task asks once per
   * process rather than per task (a cloud's upgrade is seen after a restart).
   */
  private static final java.util.Map<java.net.URI, Microversion> NEGOTIATED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** What the cloud and the driver both speak; BASE for a cloud without microversions. */
  static Microversion negotiate(ServiceClient compute) {
    java.net.URI base = compute.base().orElseThrow();
    Microversion known = NEGOTIATED.get(base);
    if (known != null) {
      return known;
    }
    Microversion agreed = ask(compute);
    NEGOTIATED.put(base, agreed);
    return agreed;
  }

  private static Microversion ask(ServiceClient compute) {
    VersionDocument.Version offered = compute.get("").as(VersionDocument.class).version();
    if (offered == null) {
      return BASE;
    }
    Microversion max = parse(offered.version());
    Microversion min = parse(offered.minVersion());
    if (min.compareTo(NEWEST) > 0) {
      throw new CloudException(
          CloudErrorType.INVALID_REQUEST,
          "this cloud's Nova speaks microversions "
              + min
              + " and above; the driver knows up to "
              + NEWEST);
    }
    return max.compareTo(NEWEST) < 0 ? max : NEWEST;
  }

  boolean atLeast(int maj, int min) {
    return compareTo(new Microversion(maj, min)) >= 0;
  }

  @Override
  public int compareTo(Microversion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
