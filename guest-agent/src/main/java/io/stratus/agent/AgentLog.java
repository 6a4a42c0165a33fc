package io.stratus.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's logging: java.util.logging, one line per record, to its own log file (kept to {@value
 * #MAX_BYTES} bytes: the file is then renamed to {@code <file>.1} and a new one started) and to
 * standard error. The log is one of those offered for collection, as {@code agent}.
 */
final class AgentLog {
  static final long MAX_BYTES = 5L * 1024 * 1024;

  private AgentLog() {}

  static void configure(Path file) throws IOException {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    Formatter format = new LineFormatter();
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileLogHandler fileHandler = new FileLogHandler(file);
    fileHandler.setFormatter(format);
    root.addHandler(fileHandler);
    Handler console =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (isLoggable(record)) {
              System.err.print(getFormatter().format(record));
              System.err.flush();
            }
          }

          @Override
          public void flush() {
            System.err.flush();
          }

          @Override
          public void close() {}
        };
    console.setFormatter(format);
    root.addHandler(console);
  }

  /** {@code 2026-11-28T10:00:00.123Z INFO [thread] message}, with a stack trace if any. */
  static final class LineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
      StringBuilder line = new StringBuilder(160);
      line.append(Instant.ofEpochMilli(record.getMillis()))
          .append(' ')
          .append(String.format("%-5s", level(record.getLevel())))
          .append(" [")
          .append(Thread.currentThread().getName())
          .append("] ")
          .append(formatMessage(record).replace('\n', ' '))
          .append('\n');
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }

    private static String level(Level level) {
      if (level.intValue() >= Level.SEVERE.intValue()) {
        return "ERROR";
      }
      if (level.intValue() >= Level.WARNING.intValue()) {
        return "WARN";
      }
      if (level.intValue() >= Level.INFO.intValue()) {
        return "INFO";
      }
      return "DEBUG";
    }
  }

  /** Appends to one file, renaming it to {@code .1} when it reaches {@link #MAX_BYTES}. */
  static final class FileLogHandler extends Handler {
    private final Path file;
    private OutputStream out;
    private long size;

    FileLogHandler(Path file) throws IOException {
      this.file = file;
      open();
    }

    /**
     * Opens the log owner-only: it carries what event scripts print, which is the customer's. A new
     * file is created 0600; one an older agent left readable is narrowed.
     */
    private void open() throws IOException {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (Files.exists(file)) {
          Files.setPosixFilePermissions(file, ownerOnly);
        } else {
          try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
          } catch (FileAlreadyExistsException raced) {
            Files.setPosixFilePermissions(file, ownerOnly);
          }
        }
      }
      out =
          Files.newOutputStream(
              file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      size = Files.size(file);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      byte[] bytes = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
      try {
        if (size + bytes.length > MAX_BYTES && size > 0) {
          out.close();
          Files.move(
              file,
              file.resolveSibling(file.getFileName() + ".1"),
              StandardCopyOption.REPLACE_EXISTING);
          open();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
      } catch (IOException e) {
        reportError("cannot write " + file + ": " + e.getMessage(), e, 0);
      }
    }

    @Override
    public synchronized void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        // nothing to do
      }
    }

    @Override
    public synchronized void close() {
      try {
        out.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
