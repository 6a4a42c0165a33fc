package io.stratus.worker.subscriber.cloud;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.CloudProviderFactory;
import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.EndpointAllowList;
import io.stratus.cloud.spi.ProviderContext;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Connects a driver for one (account, region) of the database: which driver and endpoint the
 * account's cloud uses, the account's credentials from the {@link CredentialSource}, and the
 * region's provider id. The endpoint is the catalogue's (the operator's cloud row) unless the
 * account names one the operator allows ({@code cloud.endpoint.allow}), checked again here before
 * any request, whatever the Dispatcher accepted.
 */
public final class CloudConnector {
  private final JdbcClient jdbc;
  private final CredentialSource credentials;
  private final EndpointAllowList endpoints;

  /** A connector that uses only the catalogue's endpoints. */
  public CloudConnector(DataSource reads, CredentialSource credentials) {
    this(reads, credentials, EndpointAllowList.none());
  }

  public CloudConnector(
      DataSource reads, CredentialSource credentials, EndpointAllowList endpoints) {
    this.jdbc = JdbcClient.create(reads);
    this.credentials = credentials;
    this.endpoints = endpoints;
  }

  /**
   * A provider working in the region {@code regionId} (our id) of its account.
   *
   * @throws io.stratus.cloud.spi.CloudException {@code INVALID_REQUEST} when the account names an
   *     endpoint the operator does not allow
   */
  public CloudProvider connect(long regionId) {
    Map<String, Object> row =
        jdbc.sql(
                """
                SELECT c.provider_name, c.endpoint, a.id AS account_id, a.customer_id,
                       r.provider_region_id
                  FROM region r
                  JOIN cloud_account a ON a.id = r.cloud_account_id
                  JOIN cloud c ON c.id = a.cloud_id
                 WHERE r.id = ?
                """)
            .param(regionId)
            .query()
            .singleRow();
    return connect(row, (String) row.get("provider_region_id"));
  }

  /** A provider for the account {@code accountId} as a whole (no region): to test and discover. */
  public CloudProvider connectAccount(long accountId) {
    Map<String, Object> row =
        jdbc.sql(
                """
                SELECT c.provider_name, c.endpoint, a.id AS account_id, a.customer_id
                  FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
                 WHERE a.id = ?
                """)
            .param(accountId)
            .query()
            .singleRow();
    return connect(row, null);
  }

  private CloudProvider connect(Map<String, Object> row, String providerRegionId) {
    CloudProviderFactory factory = CloudProviders.byName((String) row.get("provider_name"));
    Map<String, String> values =
        endpoints.resolveFields(
            factory.contextFields(),
            (String) row.get("endpoint"),
            credentials.credentials(
                ((Number) row.get("customer_id")).longValue(),
                ((Number) row.get("account_id")).longValue()));
    return factory.connect(new ProviderContext(factory.contextFields(), values, providerRegionId));
  }
}
