package io.stratus.embedded;

/**
 * The SQL that secures an embedded MariaDB at start (its {@code --init-file}, run with every
 * privilege before the server accepts connections): {@code root@127.0.0.1} with the given password
 * and every privilege, and no anonymous accounts (MariaDB's installer creates them; they would let
 * anyone in, and take precedence over accounts made for {@code '%'}). Idempotent.
 */
final class RootAccount {
  private RootAccount() {}

  static String initSql(String password) {
    String quoted = "'" + password.replace("\\", "\\\\").replace("'", "''") + "'";
    // One statement a line: the init file is read line by line.
    return String.join(
        "\n",
        "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY " + quoted + ";",
        "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY " + quoted + ";",
        "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
        "DELETE FROM mysql.global_priv WHERE User = '';",
        "DELETE FROM mysql.db WHERE User IN ('', 'PUBLIC');",
        "DROP DATABASE IF EXISTS test;",
        "FLUSH PRIVILEGES;",
        "");
  }
}
