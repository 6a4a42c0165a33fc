package io.stratus.admin;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The checks the commands that make customers and users share before they write. */
final class AdminRows {
  private AdminRows() {}

  /** The one number a {@code SELECT COUNT(*)} with one parameter answers. */
  static long count(JdbcClient jdbc, String sql, Object param) {
    return jdbc.sql(sql).param(param).query(Long.class).single();
  }

  /** Refuses an e-mail address a user already signs in with: addresses are unique platform-wide. */
  static void requireUnusedEmail(JdbcClient jdbc, String email) {
    if (count(jdbc, "SELECT COUNT(*) FROM user_account WHERE email = ?", email) > 0) {
      throw new IllegalArgumentException("a user with e-mail " + email + " already exists");
    }
  }
}
