package io.stratus.cloud.local.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything the daemon writes that holds tokens or customer data (region records with user data
 * and metadata tokens, VM directories, volumes, snapshots) is its owner's only: directories 0700,
 * files 0600, created so from the start rather than opened up and narrowed afterwards. What an
 * older daemon left readable is narrowed at start ({@link #narrow}).
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** Creates {@code dir} (and missing parents) owner-only; an existing one is narrowed. */
  static Path directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }
    Files.setPosixFilePermissions(dir, DIRECTORY);
    return dir;
  }

  /** Creates an empty owner-only file; fails if it exists. */
  static Path newFile(Path file) throws IOException {
    return Files.createFile(file, fileAttribute());
  }

  /**
   * Narrows {@code dir} and what it holds, {@code depth} levels down, to owner-only (regular files
   * 0600, directories 0700); symbolic links are left alone.
   */
  static void narrow(Path dir, int depth) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir, depth)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isSymbolicLink(path)) {
          continue;
        }
        if (Files.isDirectory(path)) {
          Files.setPosixFilePermissions(path, DIRECTORY);
        } else if (Files.isRegularFile(path)) {
          Files.setPosixFilePermissions(path, FILE);
        }
      }
    }
  }
}
