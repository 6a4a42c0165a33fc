package io.stratus.security.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Looks for planted secrets, in every {@link SecretForms form}, in text, files, directory trees and
 * every column of every row of a schema. Each hit is a finding naming the place, the secret (by its
 * label, never its value) and the encoding.
 */
public final class SecretScan {
  private final Map<String, Map<String, String>> forms = new LinkedHashMap<>();

  /** {@code secrets}: label (e.g. "failed sign-in password") to the secret. */
  public SecretScan(Map<String, String> secrets) {
    secrets.forEach((label, secret) -> forms.put(label, SecretForms.of(secret)));
  }

  /** How many secrets it looks for. */
  public int size() {
    return forms.size();
  }

  /** Findings in {@code text} (bytes as ISO-8859-1 text, one char per byte). */
  public List<String> in(String where, String text) {
    List<String> findings = new ArrayList<>();
    forms.forEach(
        (label, encodings) ->
            encodings.forEach(
                (encoding, form) -> {
                  if (text.contains(form)) {
                    findings.add(where + " holds the " + label + " (" + encoding + ")");
                  }
                }));
    return findings;
  }

  public List<String> in(String where, byte[] bytes) {
    return in(where, new String(bytes, StandardCharsets.ISO_8859_1));
  }

  public List<String> inFile(Path file) throws IOException {
    return in(file.toString(), Files.readAllBytes(file));
  }

  /** Every regular file under {@code dir} that {@code include} accepts. */
  public List<String> inTree(Path dir, Predicate<Path> include) throws IOException {
    List<String> findings = new ArrayList<>();
    for (Path file : files(dir)) {
      if (include.test(file)) {
        findings.addAll(inFile(file));
      }
    }
    return findings;
  }

  /** Regular files under {@code dir}, none if it does not exist. */
  public static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * Every column (as information_schema lists them) of every row of every table of the schema
   * {@code dataSource} opens, read as raw bytes (BLOBs and Spring Session's serialised attributes
   * included); a finding names schema, table and column.
   */
  public List<String> inSchema(DataSource dataSource) throws SQLException {
    List<String> findings = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      String schema = connection.getCatalog();
      Map<String, List<String>> columns = new LinkedHashMap<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema ="
                  + " DATABASE() ORDER BY table_name, ordinal_position")) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
        }
      }
      if (columns.isEmpty()) {
        throw new AssertionError("schema " + schema + " has no tables: nothing was scanned");
      }
      for (var table : columns.entrySet()) {
        String select =
            "SELECT "
                + String.join(", ", table.getValue().stream().map(c -> "`" + c + "`").toList())
                + " FROM `"
                + table.getKey()
                + "`";
        try (ResultSet rs = statement.executeQuery(select)) {
          while (rs.next()) {
            for (int i = 0; i < table.getValue().size(); i++) {
              byte[] value = rs.getBytes(i + 1);
              if (value != null) {
                findings.addAll(
                    in(schema + "." + table.getKey() + "." + table.getValue().get(i), value));
              }
            }
          }
        }
      }
    }
    return findings;
  }
}
