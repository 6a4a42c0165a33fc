package io.stratus.common.access;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a user's rights (through its roles and its groups' roles) and its groups. */
public final class AccessLoader {
  private final JdbcClient jdbc;

  public AccessLoader(DataSource reads) {
    this(JdbcClient.create(reads));
  }

  public AccessLoader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One round trip: the rights of the user's roles and its groups' roles, and its groups. */
  public Access load(long customerId, long userId) {
    Map<String, Qualifier> rights = new HashMap<>();
    Set<Long> groups = new HashSet<>();
    jdbc.sql(
            """
            SELECT rr.resource_type, rr.action, rr.qualifier, NULL AS group_id
              FROM role_right rr
             WHERE rr.customer_id = :customer
               AND rr.role_id IN (
                     SELECT ur.role_id FROM user_role ur
                      WHERE ur.user_id = :user AND ur.customer_id = :customer
                     UNION
                     SELECT gr.role_id FROM group_role gr
                       JOIN group_member gm ON gm.group_id = gr.group_id
                      WHERE gm.user_id = :user AND gm.customer_id = :customer
                        AND gr.customer_id = :customer)
            UNION ALL
            SELECT NULL, NULL, NULL, gm.group_id
              FROM group_member gm
             WHERE gm.user_id = :user AND gm.customer_id = :customer
            """)
        .param("customer", customerId)
        .param("user", userId)
        .query(
            rs -> {
              long group = rs.getLong(4);
              if (!rs.wasNull()) {
                groups.add(group);
                return;
              }
              String key = rs.getString(1) + "/" + rs.getString(2);
              rights.merge(key, Qualifier.valueOf(rs.getString(3)), Qualifier::or);
            });
    return new Access(customerId, userId, rights, groups);
  }
}
