package io.stratus.worker.subscriber.cache;

/**
 * The SQL every kind whose table holds {@code region_id}, the cloud's id, a state and a {@code
 * state_reason} shares: finding rows' ids, marking a row gone, counting creates in flight.
 *
 * @param table the table
 * @param providerId the column of the cloud's id
 * @param state the state column
 * @param goneState the state of a row whose item is gone
 */
record RegionTable(String table, String providerId, String state, String goneState) {
  String idsSql() {
    return "SELECT id, %s FROM %s WHERE region_id = :region AND %s IN (:ids)"
        .formatted(providerId, table, providerId);
  }

  String goneSql() {
    return "UPDATE %s SET %s = '%s', state_reason = ? WHERE id = ?"
        .formatted(table, state, goneState);
  }

  /**
   * Rows of a create whose task has not yet recorded the cloud's id, younger than ten minutes (a
   * task that failed long ago does not hold inserts back for ever).
   */
  String pendingSql() {
    return """
        SELECT COUNT(*) FROM %s WHERE region_id = :region AND %s IS NULL AND %s <> '%s'
           AND created_at > DATE_SUB(NOW(3), INTERVAL 10 MINUTE)
        """
        .formatted(table, providerId, state, goneState);
  }
}
