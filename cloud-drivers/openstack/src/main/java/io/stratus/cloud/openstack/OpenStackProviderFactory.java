package io.stratus.cloud.openstack;

import io.stratus.cloud.openstack.identity.KeystoneCredentials;
import io.stratus.cloud.openstack.identity.KeystoneSession;
import io.stratus.cloud.openstack.identity.KeystoneSessions;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.CloudProviderFactory;
import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.FieldType;
import io.stratus.cloud.spi.ProviderContext;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code openstack} driver: Keystone v3 (a password scoped to a project, or an application
 * credential), Nova 2.1 with microversions, Glance v2; the network service probed for what it
 * really offers.
 */
public final class OpenStackProviderFactory implements CloudProviderFactory {
  public static final String ENDPOINT = "endpoint";
  public static final String USERNAME = "username";
  public static final String USER_DOMAIN = "userDomain";
  public static final String PROJECT = "projectName";
  public static final String PROJECT_DOMAIN = "projectDomain";
  public static final String PASSWORD = "password";
  public static final String APP_CREDENTIAL_ID = "applicationCredentialId";
  public static final String APP_CREDENTIAL_SECRET = "applicationCredentialSecret";
  public static final String INTERFACE = "interface";

  static final String DEFAULT_DOMAIN = "Default";

  private static final List<ConfigField> FIELDS =
      List.of(
          ConfigField.endpoint("Keystone's v3 URL, e.g. http://127.0.0.1:5000/v3"),
          new ConfigField(USERNAME, FieldType.TEXT, false, "user name (with a password)"),
          new ConfigField(
              USER_DOMAIN, FieldType.TEXT, false, "the user's domain name (default: Default)"),
          new ConfigField(PROJECT, FieldType.TEXT, false, "project name (with a password)"),
          new ConfigField(
              PROJECT_DOMAIN,
              FieldType.TEXT,
              false,
              "the project's domain name (default: Default)"),
          new ConfigField(PASSWORD, FieldType.SECRET, false, "the user's password"),
          new ConfigField(
              APP_CREDENTIAL_ID,
              FieldType.TEXT,
              false,
              "application credential id (instead of user, project and password)"),
          new ConfigField(
              APP_CREDENTIAL_SECRET,
              FieldType.SECRET,
              false,
              "the application credential's secret"),
          new ConfigField(
              INTERFACE,
              FieldType.TEXT,
              false,
              "which catalogue endpoints to use: public (default) or internal"));

  @Override
  public String name() {
    return "openstack";
  }

  @Override
  public String displayName() {
    return "OpenStack";
  }

  @Override
  public List<ConfigField> contextFields() {
    return FIELDS;
  }

  @Override
  public CloudProvider connect(ProviderContext context) {
    Map<String, String> given = new HashMap<>();
    for (ConfigField field : FIELDS) {
      String value = context.value(field.name());
      if (value != null && !value.isBlank()) {
        given.put(field.name(), value.strip());
      }
    }
    ProviderContext checked = ProviderContext.validated(FIELDS, given, context.regionId());
    KeystoneSession session =
        KeystoneSessions.of(
            identityUrl(checked),
            credentials(checked),
            KeystoneSession.DEFAULT_RENEW_MARGIN_SECONDS);
    return new OpenStackProvider(checked, session, iface(checked));
  }

  public static URI identityUrl(ProviderContext context) {
    try {
      URI uri = URI.create(context.require(ENDPOINT));
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getUserInfo() != null
          || uri.getQuery() != null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CloudException(
          CloudErrorType.INVALID_REQUEST, "endpoint must be Keystone's http(s) v3 URL");
    }
  }

  /**
   * A password (user, project, password) or an application credential (id, secret): one of the two.
   */
  public static KeystoneCredentials credentials(ProviderContext c) {
    boolean password = c.value(PASSWORD) != null;
    boolean application =
        c.value(APP_CREDENTIAL_ID) != null || c.value(APP_CREDENTIAL_SECRET) != null;
    if (password == application) {
      throw new CloudException(
          CloudErrorType.INVALID_REQUEST,
          "give either a password (with username and projectName) or an application credential"
              + " (applicationCredentialId and applicationCredentialSecret)");
    }
    if (application) {
      return new KeystoneCredentials.ApplicationCredential(
          required(c, APP_CREDENTIAL_ID), required(c, APP_CREDENTIAL_SECRET));
    }
    return new KeystoneCredentials.Password(
        required(c, USERNAME),
        orDefault(c.value(USER_DOMAIN)),
        required(c, PROJECT),
        orDefault(c.value(PROJECT_DOMAIN)),
        c.value(PASSWORD));
  }

  static String iface(ProviderContext c) {
    String value = c.value(INTERFACE);
    if (value == null) {
      return "public";
    }
    if (!value.equals("public") && !value.equals("internal")) {
      throw new CloudException(
          CloudErrorType.INVALID_REQUEST, "interface must be public or internal, not " + value);
    }
    return value;
  }

  private static String required(ProviderContext c, String name) {
    String value = c.value(name);
    if (value == null) {
      throw new CloudException(
          CloudErrorType.INVALID_REQUEST, "the field '" + name + "' is required");
    }
    return value;
  }

  private static String orDefault(String domain) {
    return domain == null ? DEFAULT_DOMAIN : domain;
  }
}
