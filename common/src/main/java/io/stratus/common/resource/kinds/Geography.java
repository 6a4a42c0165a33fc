package io.stratus.common.resource.kinds;

import io.stratus.common.resource.Filter;
import io.stratus.common.resource.Ownership;
import io.stratus.common.resource.ResourceKind;

/** The kinds of enStratus' {@code geography} family. */
public final class Geography {
  private Geography() {}

  private static final String FAMILY = "geography";

  /** The clouds of the catalogue: every customer reads them. */
  public static final ResourceKind CLOUD =
      ResourceKind.builder("Cloud", FAMILY, "clouds")
          .table("cloud", "c")
          .ownership(Ownership.CATALOGUE)
          .id("cloudId")
          .string("name", "c.name")
          .label("Name")
          .string("cloudProviderName", "c.provider_name")
          .label("Provider")
          .string("endpoint", "c.endpoint")
          // enStratus named the Dasein class that talked to the cloud; Stratus' counterpart is
          // the driver, found by this name
          .string("computeDelegate", "c.provider_name")
          .string("computeEndpoint", "c.endpoint")
          .nullWhenAbsent()
          .string("description", "c.description")
          .label("Description")
          .upper("status", "c.status")
          .label("Status")
          .sort("name", "c.name", "Name")
          .build();

  public static final ResourceKind REGION =
      ResourceKind.builder("Region", FAMILY, "regions")
          .table("region", "r")
          .join("JOIN cloud_account a ON a.id = r.cloud_account_id")
          .id("regionId")
          .cloudId("providerId", "provider_region_id")
          .string("name", "r.name")
          .label("Name")
          .string("description", "r.name")
          .string("jurisdiction", "r.jurisdiction")
          .label("Jurisdiction")
          .upper("status", "r.status")
          .label("Status")
          .ref("cloud", "cloudId", "a.cloud_id", "Cloud")
          .ref("account", "accountId", "r.cloud_account_id", "Account")
          .consoleName("a.name", null)
          .label("Account")
          .customer()
          .filter("accountId", "account", "r.cloud_account_id", Filter.Type.ID, "Account")
          .sort("name", "r.name", "Name")
          .build();

  public static final ResourceKind DATA_CENTER =
      ResourceKind.builder("DataCenter", FAMILY, "dataCenters")
          .table("data_center", "d")
          .what("data center")
          .id("dataCenterId")
          .cloudId("providerId", "provider_dc_id")
          .string("name", "d.name")
          .label("Name")
          .string("description", "d.name")
          .upper("status", "d.status")
          .label("Status")
          .ref("region", "regionId", "d.region_id", "Region")
          .consoleName("r.name", "JOIN region r ON r.id = d.region_id")
          .label("Region")
          .customer()
          .filter("regionId", "region", "d.region_id", Filter.Type.ID, "Region")
          .sort("name", "d.name", "Name")
          .build();
}
