package io.stratus.common.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-encryption key file: created once, owner-only, rotated without losing old keys. */
class KeyEncryptionKeysIT {
  @TempDir Path dir;

  @Test
  void shouldCreateAnOwnerOnlyKeyFileAndNeverOverwriteIt() throws Exception {
    Path file = dir.resolve("kek.p12");
    KeyEncryptionKeys keys = KeyEncryptionKeys.create(file);
    assertEquals("kek-1", keys.currentId());
    for (Path p : new Path[] {file, dir.resolve("kek.p12.password")}) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }
    CustomerKeyException again =
        assertThrows(CustomerKeyException.class, () -> KeyEncryptionKeys.create(file));
    assertTrue(again.getMessage().contains("never overwritten"), again.getMessage());
  }

  @Test
  void shouldKeepOldKeysWhenRotated() throws Exception {
    Path file = dir.resolve("kek.p12");
    byte[] ad = "ad".getBytes(StandardCharsets.US_ASCII);
    byte[] sealed =
        KeyEncryptionKeys.create(file)
            .current()
            .encrypt("x".getBytes(StandardCharsets.US_ASCII), ad);
    KeyEncryptionKeys rotated = KeyEncryptionKeys.rotate(file);
    assertEquals("kek-2", rotated.currentId());
    assertArrayEquals(
        "x".getBytes(StandardCharsets.US_ASCII), rotated.byId("kek-1").decrypt(sealed, ad));
    CustomerKeyException unknown =
        assertThrows(CustomerKeyException.class, () -> rotated.byId("kek-9"));
    assertTrue(unknown.getMessage().contains("kek-9"), unknown.getMessage());
  }

  @Test
  void shouldNameTheKeyWhenTheFileIsMissing() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                KeySettings.from(
                    Config.of(
                        "worker",
                        Map.of("keys.kek.file", dir.resolve("absent.p12").toString()),
                        Map.of())));
    assertEquals("keys.kek.file", e.key());
    assertThrows(CustomerKeyException.class, () -> KeyEncryptionKeys.load(dir.resolve("absent")));
  }
}
