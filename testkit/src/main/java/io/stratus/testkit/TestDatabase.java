package io.stratus.testkit;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
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
