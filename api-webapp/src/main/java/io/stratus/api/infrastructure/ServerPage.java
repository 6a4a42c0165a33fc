package io.stratus.api.infrastructure;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.stratus.api.web.Details;
import io.stratus.api.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A page of servers written straight from the result set as JSON tokens: no per-row maps, columns
 * read by position, field names encoded once. What it writes for a row is exactly what Jackson
 * writes for {@code ServerController.view} of that row (same fields, order, omitted nulls and
 * explicit nulls), at each details level; only the columns the level shows are selected (not the
 * customer's id either: every row listed is the caller's customer's).
 */
final class ServerPage {
  static final SerializableString SERVERS = name("servers");

  // The columns, in this order, of every level; NONE reads only the first.
  private static final String BASIC_COLUMNS =
      """
      s.id, s.cloud_account_id, s.region_id, s.data_center_id,
      s.provider_server_id, s.name, s.description, s.state, s.image_id, s.product_id,
      s.private_ip, s.public_ip, s.owner_user_id, s.owner_group_id, s.launched_at,
      s.terminated_at""";
  private static final String EXTENDED_COLUMNS =
      ", s.state_reason, s.created_at, r.name AS region_name, i.name AS image_name,"
          + " p.name AS product_name, a.cloud_id";
  private static final int ID = 1;
  private static final int ACCOUNT = 2;
  private static final int REGION = 3;
  private static final int DATA_CENTER = 4;
  private static final int PROVIDER_ID = 5;
  private static final int NAME = 6;
  private static final int DESCRIPTION = 7;
  private static final int STATE = 8;
  private static final int IMAGE = 9;
  private static final int PRODUCT = 10;
  private static final int PRIVATE_IP = 11;
  private static final int PUBLIC_IP = 12;
  private static final int OWNER_USER = 13;
  private static final int OWNER_GROUP = 14;
  private static final int LAUNCHED = 15;
  private static final int TERMINATED = 16;
  private static final int STATE_REASON = 17;
  private static final int CREATED = 18;
  private static final int REGION_NAME = 19;
  private static final int IMAGE_NAME = 20;
  private static final int PRODUCT_NAME = 21;
  private static final int CLOUD = 22;

  private static final SerializableString SERVER_ID = name("serverId");
  private static final SerializableString PROVIDER_ID_FIELD = name("providerId");
  private static final SerializableString NAME_FIELD = name("name");
  private static final SerializableString DESCRIPTION_FIELD = name("description");
  private static final SerializableString CURRENT_STATE = name("currentState");
  private static final SerializableString REGION_FIELD = name("region");
  private static final SerializableString REGION_ID = name("regionId");
  private static final SerializableString DATA_CENTER_FIELD = name("dataCenter");
  private static final SerializableString DATA_CENTER_ID = name("dataCenterId");
  private static final SerializableString MACHINE_IMAGE = name("machineImage");
  private static final SerializableString MACHINE_IMAGE_ID = name("machineImageId");
  private static final SerializableString PRODUCT_FIELD = name("product");
  private static final SerializableString PRODUCT_ID = name("productId");
  private static final SerializableString OWNING_ACCOUNT = name("owningAccount");
  private static final SerializableString ACCOUNT_ID = name("accountId");
  private static final SerializableString OWNING_USER = name("owningUser");
  private static final SerializableString USER_ID = name("userId");
  private static final SerializableString OWNING_GROUPS = name("owningGroups");
  private static final SerializableString GROUP_ID = name("groupId");
  private static final SerializableString PRIVATE_IPS = name("privateIpAddresses");
  private static final SerializableString PUBLIC_IP_FIELD = name("publicIpAddress");
  private static final SerializableString START_DATE = name("startDate");
  private static final SerializableString TERMINATION_DATE = name("terminationDate");
  private static final SerializableString CUSTOMER_FIELD = name("customer");
  private static final SerializableString CUSTOMER_ID = name("customerId");
  private static final SerializableString STATUS_REASON = name("statusReason");
  private static final SerializableString CREATED_TIMESTAMP = name("createdTimestamp");
  private static final SerializableString CLOUD_FIELD = name("cloud");
  private static final SerializableString CLOUD_ID = name("cloudId");

  private ServerPage() {}

  /** The SELECT list for the level (table {@code s}; extended also needs the joins). */
  static String columns(Details details) {
    return switch (details) {
      case NONE -> "s.id";
      case BASIC -> BASIC_COLUMNS;
      case EXTENDED -> BASIC_COLUMNS + EXTENDED_COLUMNS;
    };
  }

  /**
   * Writes up to {@code size} rows as array elements; returns the id of the row after them (the
   * next page's first), or 0 when there is none (ids are positive).
   */
  static long write(ResultSet rs, int size, Details details, long customer, JsonGenerator json)
      throws SQLException {
    try {
      int n = 0;
      while (rs.next()) {
        if (n == size) {
          return rs.getLong(ID);
        }
        row(rs, details, customer, json);
        n++;
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(ResultSet rs, Details details, long customer, JsonGenerator json)
      throws SQLException, IOException {
    json.writeStartObject();
    json.writeFieldName(SERVER_ID);
    json.writeNumber(rs.getLong(ID));
    if (details == Details.NONE) {
      json.writeEndObject();
      return;
    }
    boolean extended = details == Details.EXTENDED;
    string(json, PROVIDER_ID_FIELD, rs.getString(PROVIDER_ID));
    string(json, NAME_FIELD, rs.getString(NAME));
    string(json, DESCRIPTION_FIELD, rs.getString(DESCRIPTION));
    json.writeFieldName(CURRENT_STATE);
    json.writeString(ServerController.state(rs.getString(STATE)));
    json.writeFieldName(REGION_FIELD);
    json.writeStartObject();
    json.writeFieldName(REGION_ID);
    json.writeNumber(rs.getLong(REGION));
    if (extended) {
      json.writeFieldName(NAME_FIELD);
      json.writeString(rs.getString(REGION_NAME));
    }
    json.writeEndObject();
    long dataCenter = rs.getLong(DATA_CENTER);
    if (!rs.wasNull()) {
      ref(json, DATA_CENTER_FIELD, DATA_CENTER_ID, dataCenter);
    }
    named(json, rs, extended, MACHINE_IMAGE, MACHINE_IMAGE_ID, IMAGE, IMAGE_NAME);
    named(json, rs, extended, PRODUCT_FIELD, PRODUCT_ID, PRODUCT, PRODUCT_NAME);
    ref(json, OWNING_ACCOUNT, ACCOUNT_ID, rs.getLong(ACCOUNT));
    long owner = rs.getLong(OWNER_USER);
    if (!rs.wasNull()) {
      ref(json, OWNING_USER, USER_ID, owner);
    }
    long group = rs.getLong(OWNER_GROUP);
    if (!rs.wasNull()) {
      json.writeFieldName(OWNING_GROUPS);
      json.writeStartArray();
      json.writeStartObject();
      json.writeFieldName(GROUP_ID);
      json.writeNumber(group);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeFieldName(PRIVATE_IPS);
    json.writeStartArray();
    String privateIp = rs.getString(PRIVATE_IP);
    if (privateIp != null) {
      json.writeString(privateIp);
    }
    json.writeEndArray();
    string(json, PUBLIC_IP_FIELD, rs.getString(PUBLIC_IP));
    string(json, START_DATE, Json.time(rs, LAUNCHED));
    string(json, TERMINATION_DATE, Json.time(rs, TERMINATED));
    ref(json, CUSTOMER_FIELD, CUSTOMER_ID, customer);
    if (extended) {
      // Put into the view's map even when null, so written as null.
      json.writeFieldName(STATUS_REASON);
      json.writeString(rs.getString(STATE_REASON));
      json.writeFieldName(CREATED_TIMESTAMP);
      json.writeString(Json.time(rs, CREATED));
      ref(json, CLOUD_FIELD, CLOUD_ID, rs.getLong(CLOUD));
    }
    json.writeEndObject();
  }

  /** A field left out when null, as {@code Json.object} does. */
  private static void string(JsonGenerator json, SerializableString field, String value)
      throws IOException {
    if (value != null) {
      json.writeFieldName(field);
      json.writeString(value);
    }
  }

  private static void ref(
      JsonGenerator json, SerializableString field, SerializableString id, long value)
      throws IOException {
    json.writeFieldName(field);
    json.writeStartObject();
    json.writeFieldName(id);
    json.writeNumber(value);
    json.writeEndObject();
  }

  /** A reference left out when its id is null; extended, with the name (null included). */
  private static void named(
      JsonGenerator json,
      ResultSet rs,
      boolean extended,
      SerializableString field,
      SerializableString idField,
      int idColumn,
      int nameColumn)
      throws SQLException, IOException {
    long id = rs.getLong(idColumn);
    if (rs.wasNull()) {
      return;
    }
    json.writeFieldName(field);
    json.writeStartObject();
    json.writeFieldName(idField);
    json.writeNumber(id);
    if (extended) {
      json.writeFieldName(NAME_FIELD);
      json.writeString(rs.getString(nameColumn));
    }
    json.writeEndObject();
  }

  private static SerializableString name(String field) {
    return new SerializedString(field);
  }
}
