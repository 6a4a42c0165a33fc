package io.stratus.common.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One field of a resource kind: how it is read (an SQL expression over the kind's table alias and
 * the joins it names), what it is called in JSON, at which details level it appears and how a null
 * is written; for a related resource, the id field inside its object, the kind it links to and
 * where that resource's name is read.
 *
 * @param json the JSON name, e.g. {@code sizeInGb}
 * @param sql the expression that reads it, e.g. {@code x.size_gb}
 * @param level the lowest details level that shows it
 * @param absent how a null value is written
 * @param refId for {@link FieldType#REF} and {@link FieldType#REF_LIST}: the id field inside, e.g.
 *     {@code regionId}; else null
 * @param link the kind a reference points to (its enStratus name, e.g. {@code Region}); null for
 *     plain fields and references to things that are not kinds
 * @param nameSql for a reference: the expression that reads the linked row's name (through one of
 *     {@code joins}); null when there is none to show
 * @param named whether an {@link DetailLevel#EXTENDED} answer adds that name to the reference
 *     ({@code {"regionId": 4, "name": "r1"}}); the console shows it whenever it is declared
 * @param joins the joins the value's expression needs beyond the kind's table, in order
 * @param nameJoin the join the name's expression needs, or null
 * @param text for {@link FieldType#STRING}: how the stored text is shown (as stored if null)
 * @param label the console's column heading; null when the console's list does not show it
 * @param parts for a {@link FieldType#REF}: further fields of the related row (strings or whole
 *     numbers) written inside its object after the id (e.g. an account's {@code cloud} with its
 *     {@code name}), read through the kind's joins; empty for other fields
 */
public record Field(
    String json,
    String sql,
    FieldType type,
    DetailLevel level,
    Absent absent,
    String refId,
    String link,
    String nameSql,
    boolean named,
    List<String> joins,
    String nameJoin,
    UnaryOperator<String> text,
    String label,
    List<Field> parts) {

  public Field {
    joins = List.copyOf(joins);
    parts = List.copyOf(parts);
  }

  static Field of(String json, String sql, FieldType type) {
    return new Field(
        json,
        sql,
        type,
        DetailLevel.BASIC,
        Absent.OMIT,
        null,
        null,
        null,
        false,
        List.of(),
        null,
        null,
        null,
        List.of());
  }

  static Field ref(String json, String refId, String sql, String link, FieldType type) {
    return new Field(
        json,
        sql,
        type,
        DetailLevel.BASIC,
        Absent.OMIT,
        refId,
        link,
        null,
        false,
        List.of(),
        null,
        null,
        null,
        List.of());
  }

  Field withLevel(DetailLevel newLevel) {
    return new Field(
        json, sql, type, newLevel, absent, refId, link, nameSql, named, joins, nameJoin, text,
        label, parts);
  }

  Field withAbsent(Absent newAbsent) {
    return new Field(
        json, sql, type, level, newAbsent, refId, link, nameSql, named, joins, nameJoin, text,
        label, parts);
  }

  Field withName(String newNameSql, boolean inApi, String join) {
    return new Field(
        json,
        sql,
        type,
        level,
        absent,
        refId,
        link,
        newNameSql,
        inApi,
        joins,
        join,
        text,
        label,
        parts);
  }

  Field withJoin(String join) {
    List<String> more = new ArrayList<>(joins);
    more.add(join);
    return new Field(
        json, sql, type, level, absent, refId, link, nameSql, named, more, nameJoin, text, label,
        parts);
  }

  Field withText(UnaryOperator<String> newText) {
    return new Field(
        json, sql, type, level, absent, refId, link, nameSql, named, joins, nameJoin, newText,
        label, parts);
  }

  Field withLabel(String newLabel) {
    return new Field(
        json, sql, type, level, absent, refId, link, nameSql, named, joins, nameJoin, text,
        newLabel, parts);
  }

  Field withPart(Field part) {
    List<Field> more = new ArrayList<>(parts);
    more.add(part);
    return new Field(
        json, sql, type, level, absent, refId, link, nameSql, named, joins, nameJoin, text, label,
        more);
  }

  /** The value as shown, for a {@link FieldType#STRING}. */
  public String show(String stored) {
    return stored == null || text == null ? stored : text.apply(stored);
  }

  /** Whether an answer at {@code details} carries this reference's name. */
  public boolean namedAt(DetailLevel details) {
    return named && nameSql != null && details == DetailLevel.EXTENDED;
  }
}
