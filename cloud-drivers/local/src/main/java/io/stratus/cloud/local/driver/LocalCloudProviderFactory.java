package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.CloudProviderFactory;
import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.FieldType;
import io.stratus.cloud.spi.ProviderContext;
import java.util.List;

/** The {@code local} driver: Stratus' own local cloud, reached through its signed HTTP API. */
public final class LocalCloudProviderFactory implements CloudProviderFactory {
  public static final String ENDPOINT = "endpoint";
  public static final String ACCESS_KEY = "accessKey";
  public static final String SECRET_KEY = "secretKey";

  private static final List<ConfigField> FIELDS =
      List.of(
          ConfigField.endpoint("The local cloud's API, e.g. http://127.0.0.1:7440/"),
          ConfigField.labelled(
              ACCESS_KEY,
              "Access key",
              FieldType.TEXT,
              true,
              "access-key from the local cloud's credentials.properties"),
          ConfigField.labelled(
              SECRET_KEY,
              "Secret key",
              FieldType.SECRET,
              true,
              "secret-key from the local cloud's credentials.properties"));

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String displayName() {
    return "Stratus local cloud";
  }

  @Override
  public List<ConfigField> contextFields() {
    return FIELDS;
  }

  @Override
  public CloudProvider connect(ProviderContext context) {
    ProviderContext checked =
        ProviderContext.validated(
            FIELDS,
            java.util.Map.of(
                ENDPOINT, nonNull(context.value(ENDPOINT)),
                ACCESS_KEY, nonNull(context.value(ACCESS_KEY)),
                SECRET_KEY, nonNull(context.value(SECRET_KEY))),
            context.regionId());
    return new LocalCloudProvider(checked);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
