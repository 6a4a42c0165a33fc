package io.stratus.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files and directories only their owner may read: what holds a password or the services' data. */
final class OwnerOnlyFiles {
  private OwnerOnlyFiles() {}

  /** Creates {@code dir} (and its parents) if needed and makes it 0700. */
  static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (isPosix(dir)) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }

  /** Writes {@code text} to {@code file}, made 0600 before anything is written into it. */
  static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    if (isPosix(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The first line of {@code file}, which holds a password. */
  static String readSecret(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.isEmpty() || text.contains("\n")) {
      throw new IOException(file + " must hold one line, the password");
    }
    return text;
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
