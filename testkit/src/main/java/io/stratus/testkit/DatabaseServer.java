package io.stratus.testkit;

/** A MySQL/MariaDB server the tests may create schemas on, with an account that can. */
record DatabaseServer(String host, int port, String user, String password, String mode) {
  /** Options every test connection uses: MariaDB and MySQL 8 alike, no TLS on loopback. */
  static final String OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";

  String serverUrl() {
    return "jdbc:mysql://" + host + ":" + port + "/" + OPTIONS;
  }

  String schemaUrl(String schema) {
    return "jdbc:mysql://" + host + ":" + port + "/" + schema + OPTIONS;
  }
}
