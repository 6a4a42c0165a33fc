package io.stratus.common.resource.kinds;

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
}
