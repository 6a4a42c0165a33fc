package io.stratus.common.keys;

import io.stratus.common.config.Config;
import io.stratus.common.pki.KeyStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the Dispatcher and the workers find the installation's key-encryption key, and how long
 * they keep an unwrapped customer keyset in memory.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code keys.kek.file} (required) the key-encryption key store ({@code kek.p12}, made by
 *       {@code KeyCommands kek init}), with its {@code kek.p12.password} beside it
 *   <li>{@code keys.cache.ttl} (default 60s, 0s disables) how long an unwrapped customer keyset is
 *       reused before it is read again; a rotation elsewhere is seen within this time
 * </ul>
 */
public record KeySettings(Path kekFile, Duration cacheTtl) {

  public static KeySettings from(Config config) {
    Path file = config.requirePath("keys.kek.file");
    if (!Files.isReadable(file)) {
      throw config.error(
          "keys.kek.file", "names " + file + ", which does not exist or cannot be read");
    }
    if (!Files.isReadable(KeyStores.passwordFile(file))) {
      throw config.error(
          "keys.kek.file",
          "names "
              + file
              + ", but its password file "
              + KeyStores.passwordFile(file)
              + " cannot be read");
    }
    Duration ttl = config.getDuration("keys.cache.ttl", Duration.ofSeconds(60));
    if (ttl.compareTo(Duration.ofHours(1)) > 0) {
      throw config.error("keys.cache.ttl", "must be at most 1h, so rotations are seen");
    }
    return new KeySettings(file, ttl);
  }
}
