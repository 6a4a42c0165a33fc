package io.stratus.testkit;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A schema of its own for one test class, on the resolved server. */
public final class TestDatabase implements AutoCloseable {
  private final DatabaseServer server;
  private final String schema;
  private final List<String> schemas = new ArrayList<>();

  TestDatabase(DatabaseServer server, String schema) {
    this.server = server;
    this.schema = schema;
    schemas.add(schema);
  }

  /** A JDBC URL of the schema, for mysql-connector-j against MariaDB or MySQL. */
  public String jdbcUrl() {
    return server.schemaUrl(schema);
  }

  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  public String schema() {
    return schema;
  }

  /** The same server without a schema, for code that creates its own schemas. */
  public String serverUrl() {
    return server.serverUrl();
  }

  /** Where the services came from: env, local, testcontainers or embedded. */
  public String mode() {
    return server.mode();
  }

  /** A unique name for an extra schema; {@link #close()} drops it too. */
  public synchronized String newSchemaName(String purpose) {
    String name = TestServices.schemaName(purpose);
    schemas.add(name);
    return name;
  }

  /** A plain, unpooled DataSource of the schema for assertions. */
  public DataSource dataSource() {
    MysqlDataSource dataSource = new MysqlDataSource();
    dataSource.setUrl(jdbcUrl());
    dataSource.setUser(user());
    dataSource.setPassword(password());
    return dataSource;
  }

  /**
   * Every column of every row of every table of the schema, as text (bytes read as ISO-8859-1, so
   * binary columns keep every byte): what a dump of the schema would show, for tests that look for
   * what must not be there.
   */
  public String contents() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        out.append("-- ").append(table).append('\n');
        try (ResultSet rs = statement.executeQuery("SELECT * FROM `" + table + "`")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              byte[] value = rs.getBytes(i);
              if (value != null) {
                out.append(new String(value, StandardCharsets.ISO_8859_1)).append('\t');
              }
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  /** Drops the schema and every extra one handed out. */
  @Override
  public synchronized void close() {
    try (var connection = DriverManager.getConnection(serverUrl(), user(), password());
        var statement = connection.createStatement()) {
      for (String name : schemas) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schemas " + schemas, e);
    }
  }
}
