package io.stratus.common.db;

/** The database schema is not at the version this build of the component was written for. */
public class SchemaVersionMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String found;
  private final String expected;

  public SchemaVersionMismatchException(String found, String expected, String advice) {
    super(
        "Database schema version mismatch: found "
            + found
            + ", this build expects "
            + expected
            + ". "
            + advice);
    this.found = found;
    this.expected = expected;
  }

  public String found() {
    return found;
  }

  public String expected() {
    return expected;
  }
}
