package io.stratus.api.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.stratus.api.web.Json;
import io.stratus.common.resource.Absent;
import io.stratus.common.resource.DetailLevel;
import io.stratus.common.resource.Field;
import io.stratus.common.resource.FieldType;
import io.stratus.common.resource.KindSql;
import io.stratus.common.resource.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows of one kind at one details level written straight from the result set as JSON tokens: no
 * per-row maps, columns read by position, field names encoded once. The columns are those of {@link
 * #select}, in its order; what a row becomes is read from the declaration: each field's type, and
 * its "none" form ({@link Absent}) when the column is null.
 */
final class KindWriter {
  private final ResourceKind kind;
  private final DetailLevel details;
  private final KindSql.Select select;
  private final SerializableString collection;
  private final SerializableString[] names;
  private final SerializableString[] refIds;
  private final SerializableString[][] partNames;
  private static final SerializableString NAME = new SerializedString("name");

  KindWriter(ResourceKind kind, DetailLevel details) {
    this.kind = kind;
    this.details = details;
    this.select = KindSql.select(kind, details, KindSql.Names.API, true);
    this.collection = new SerializedString(kind.collection());
    List<Field> fields = select.fields();
    names = new SerializableString[fields.size()];
    refIds = new SerializableString[fields.size()];
    partNames = new SerializableString[fields.size()][];
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      names[i] = new SerializedString(f.json());
      refIds[i] = f.refId() == null ? null : new SerializedString(f.refId());
      partNames[i] = new SerializableString[f.parts().size()];
      for (int p = 0; p < f.parts().size(); p++) {
        partNames[i][p] = new SerializedString(f.parts().get(p).json());
      }
    }
  }

  ResourceKind kind() {
    return kind;
  }

  /** What the rows are read with: the columns, the joins, the owner columns. */
  KindSql.Select select() {
    return select;
  }

  /** The answer's envelope name, e.g. {@code snapshots}. */
  SerializableString collection() {
    return collection;
  }

  /**
   * Writes up to {@code size} rows as array elements; returns the id of the row after them (the
   * next page's first), or 0 when there is none (ids are positive).
   */
  long write(ResultSet rs, int size, JsonGenerator json) throws SQLException {
    int n = 0;
    while (rs.next()) {
      if (n == size) {
        return rs.getLong(select.positions()[0]);
      }
      row(rs, json);
      n++;
    }
    return 0;
  }

  /** Writes the current row as one object. */
  void row(ResultSet rs, JsonGenerator json) throws SQLException {
    try {
      json.writeStartObject();
      List<Field> fields = select.fields();
      for (int i = 0; i < fields.size(); i++) {
        field(rs, json, i, fields.get(i));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void field(ResultSet rs, JsonGenerator json, int i, Field f)
      throws SQLException, IOException {
    int column = select.positions()[i];
    switch (f.type()) {
      case ID, LONG -> {
        long value = rs.getLong(column);
        if (present(rs, json, i, f)) {
          json.writeNumber(value);
        }
      }
      case INT -> {
        int value = rs.getInt(column);
        if (present(rs, json, i, f)) {
          json.writeNumber(value);
        }
      }
      case BOOLEAN -> {
        boolean value = rs.getBoolean(column);
        if (present(rs, json, i, f)) {
          json.writeBoolean(value);
        }
      }
      case MICROS -> {
        long value = rs.getLong(column);
        if (present(rs, json, i, f)) {
          json.writeNumber(BigDecimal.valueOf(value, 6));
        }
      }
      case STRING -> string(json, i, f, f.show(rs.getString(column)));
      case TIME -> string(json, i, f, Json.time(rs, column));
      case DIALECT_TIME -> string(json, i, f, Json.dialectTime(rs, column));
      case STRING_LIST -> {
        String value = rs.getString(column);
        if (present(rs, json, i, f)) {
          json.writeStartArray();
          json.writeString(value);
          json.writeEndArray();
        }
      }
      case REF -> {
        long id = rs.getLong(column);
        if (present(rs, json, i, f)) {
          json.writeStartObject();
          json.writeFieldName(refIds[i]);
          json.writeNumber(id);
          if (f.namedAt(details)) {
            json.writeFieldName(NAME);
            json.writeString(rs.getString(select.namePositions()[i]));
          }
          int[] parts = select.partPositions()[i];
          for (int p = 0; p < parts.length; p++) {
            part(rs, json, parts[p], partNames[i][p], f.parts().get(p));
          }
          json.writeEndObject();
        }
      }
      case REF_LIST -> {
        long id = rs.getLong(column);
        if (present(rs, json, i, f)) {
          json.writeStartArray();
          json.writeStartObject();
          json.writeFieldName(refIds[i]);
          json.writeNumber(id);
          json.writeEndObject();
          json.writeEndArray();
        }
      }
    }
  }

  /** A part of a reference, left out when null. */
  private static void part(
      ResultSet rs, JsonGenerator json, int column, SerializableString name, Field part)
      throws SQLException, IOException {
    if (part.type() == FieldType.LONG) {
      long value = rs.getLong(column);
      if (!rs.wasNull()) {
        json.writeFieldName(name);
        json.writeNumber(value);
      }
      return;
    }
    String value = rs.getString(column);
    if (value != null) {
      json.writeFieldName(name);
      json.writeString(value);
    }
  }

  private void string(JsonGenerator json, int i, Field f, String value) throws IOException {
    if (value != null) {
      json.writeFieldName(names[i]);
      json.writeString(value);
    } else {
      absent(json, i, f);
    }
  }

  /**
   * Whether the column just read had a value; if so its name is written and the caller writes the
   * value, else the field's "none" form is written (or nothing).
   */
  private boolean present(ResultSet rs, JsonGenerator json, int i, Field f)
      throws SQLException, IOException {
    if (rs.wasNull()) {
      absent(json, i, f);
      return false;
    }
    json.writeFieldName(names[i]);
    return true;
  }

  private void absent(JsonGenerator json, int i, Field f) throws IOException {
    if (f.absent() == Absent.OMIT) {
      return;
    }
    json.writeFieldName(names[i]);
    switch (f.absent()) {
      case NULL -> json.writeNull();
      case EMPTY_LIST -> {
        json.writeStartArray();
        json.writeEndArray();
      }
      case EMPTY_REF -> {
        json.writeStartObject();
        json.writeFieldName(refIds[i]);
        json.writeNull();
        json.writeEndObject();
      }
      case OMIT -> throw new IllegalStateException("an omitted field has no form: " + f.json());
    }
  }
}
