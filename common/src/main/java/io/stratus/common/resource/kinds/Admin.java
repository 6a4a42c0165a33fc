package io.stratus.common.resource.kinds;

import io.stratus.common.resource.Ownership;
import io.stratus.common.resource.ResourceKind;

/** The kinds of enStratus' {@code admin} family that are cloud resources' context. */
public final class Admin {
  private Admin() {}

  /** The customer's cloud accounts, each on one cloud of the catalogue. */
  public static final ResourceKind ACCOUNT =
      ResourceKind.builder("Account", "admin", "accounts")
          .table("cloud_account", "a")
          .right("account")
          .what("account")
          .join("JOIN cloud c ON c.id = a.cloud_id")
          .id("accountId")
          .string("name", "a.name")
          .string("providerId", "a.account_number")
          .upper("status", "a.status")
          .string("statusMessage", "a.status_message")
          .ref("cloud", "cloudId", "a.cloud_id", "Cloud")
          .part("name", "c.name")
          .part("cloudProviderName", "c.provider_name")
          // A Stratus account is one subscription to one cloud: the subscription is the account's
          .ref("cloudSubscription", "cloudSubscriptionId", "a.id", null)
          .numberPart("cloudId", "a.cloud_id")
          .part("accountNumber", "a.account_number")
          .alwaysNull("defaultBudget") // until billing codes exist
          .customer()
          .time("createdTimestamp", "a.created_at")
          .sort("name", "a.name", "Name")
          .build();

  /**
   * What became of an action. {@code status} is RUNNING, COMPLETE or ERROR; when complete, {@code
   * message} holds the id of the resource the action made or acted on (as enStratus clients
   * expect), and {@code description} the action with what the Dispatcher said of it. A job belongs
   * to the user who acted: a MINE right reads only one's own.
   */
  public static final ResourceKind JOB =
      ResourceKind.builder("Job", "admin", "jobs")
          .table("job", "j")
          .ownership(Ownership.USER)
          .id("jobId")
          .string("status", "j.status")
          .string("description", "CONCAT(j.action, COALESCE(CONCAT(': ', j.message), ''))")
          .string(
              "message",
              "CASE WHEN j.status = 'COMPLETE' AND j.resource_id IS NOT NULL"
                  + " THEN CAST(j.resource_id AS CHAR) ELSE j.message END")
          .integer("percentComplete", "j.progress")
          .string("jobType", "j.action")
          .string("resourceType", "j.resource_type")
          .number("resourceId", "j.resource_id")
          .time("startDate", "j.created_at")
          .time("endDate", "j.completed_at")
          .ref("user", "userId", "j.user_id", "User")
          .customer()
          .build();
}
