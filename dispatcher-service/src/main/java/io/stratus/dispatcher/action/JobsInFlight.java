package io.stratus.dispatcher.action;

import io.stratus.dispatcher.web.DispatchException;

/** Refuses a second action on a resource while a job for it still runs. */
public final class JobsInFlight {
  private JobsInFlight() {}

  public static void refuseIfBusy(Resources resources, String resourceType, long resourceId) {
    resources
        .jdbc()
        .sql(
            """
            SELECT id FROM job
             WHERE resource_type = ? AND resource_id = ? AND status = 'RUNNING'
             ORDER BY id LIMIT 1
            """)
        .params(resourceType, resourceId)
        .query(Long.class)
        .optional()
        .ifPresent(
            job -> {
              throw DispatchException.conflict(
                  resourceType.replace('_', ' ')
                      + " "
                      + resourceId
                      + " has job "
                      + job
                      + " still running; wait for it to finish");
            });
  }
}
