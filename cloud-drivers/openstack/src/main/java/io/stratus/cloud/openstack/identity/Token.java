package io.stratus.cloud.openstack.identity;

import java.time.Instant;

/** A Keystone token (the value of {@code X-Subject-Token}), when it expires, and its catalogue. */
public record Token(String value, Instant expiresAt, ServiceCatalog catalog) {
  /** True when less than {@code marginSeconds} are left at {@code now}. */
  boolean expiresWithin(Instant now, long marginSeconds) {
    return !now.plusSeconds(marginSeconds).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "Token[expiresAt=" + expiresAt + "]";
  }
}
