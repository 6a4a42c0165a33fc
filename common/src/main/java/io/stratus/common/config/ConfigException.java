package io.stratus.common.config;

/**
 * A configuration key is missing, malformed or contradicts another. The message always names the
 * key and the file (or environment variable) it came from, so an operator knows what to fix.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The offending key, as written in the properties file. */
  public String key() {
    return key;
  }
}
