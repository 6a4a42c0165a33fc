package io.stratus.common.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out connections from several read replicas in turn. A replica that refuses a connection is
 * skipped for that call; only when every replica refuses does the caller see the error.
 */
final class RoundRobinDataSource implements DataSource {
  private final List<? extends DataSource> targets;
  private final AtomicInteger next = new AtomicInteger();

  RoundRobinDataSource(List<? extends DataSource> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one replica is needed");
    }
    this.targets = List.copyOf(targets);
  }

  @Override
  public Connection getConnection() throws SQLException {
    SQLException last = null;
    int start = Math.floorMod(next.getAndIncrement(), targets.size());
    for (int i = 0; i < targets.size(); i++) {
      try {
        return targets.get((start + i) % targets.size()).getConnection();
      } catch (SQLException e) {
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    throw last;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("replica pools have fixed credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
