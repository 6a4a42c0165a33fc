package io.stratus.cloud.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a request would be refused, field by field, in words a person reads: what the checks shared
 * by the console's forms and the Dispatcher find ({@link
 * io.stratus.cloud.spi.network.FirewallRuleCheck}, {@link
 * io.stratus.cloud.spi.compute.VolumeCheck}). The console shows each sentence beside its field; the
 * Dispatcher answers the first.
 */
public final class Refusals {
  private final Map<String, String> byField = new LinkedHashMap<>();

  /** Records why a field is refused; a field keeps its first reason. */
  public Refusals add(String field, String sentence) {
    byField.putIfAbsent(field, sentence);
    return this;
  }

  public boolean isEmpty() {
    return byField.isEmpty();
  }

  /** Field (the request's own name, e.g. {@code fromPort}) → sentence, in the order found. */
  public Map<String, String> byField() {
    return Collections.unmodifiableMap(byField);
  }

  /** The first reason, or null when nothing is refused. */
  public String first() {
    return byField.values().stream().findFirst().orElse(null);
  }
}
