package io.stratus.security.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM (where the KM, Dispatcher, workers, console and API run) while it is
 * open, with Stratus' own loggers at DEBUG; as text, unmasked (what a careless appender would
 * write). Closing it also detaches the components' file appenders, so a later platform in the same
 * JVM does not write into this one's log directory.
 */
public final class LogCapture implements AutoCloseable {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger stratus = context.getLogger("io.stratus");
  private final Level stratusLevel = stratus.getLevel();
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  public LogCapture() {
    captured.setContext(context);
    captured.setName("security-check-capture");
    captured.start();
    root.addAppender(captured);
    stratus.setLevel(Level.DEBUG);
  }

  /** Each event so far as one line: level, logger, message, MDC and its exceptions' messages. */
  public List<String> lines() {
    List<ILoggingEvent> events;
    synchronized (captured) {
      events = new ArrayList<>(captured.list);
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events) {
      StringBuilder line =
          new StringBuilder()
              .append(event.getLevel())
              .append(' ')
              .append(event.getLoggerName())
              .append(" - ")
              .append(event.getFormattedMessage())
              .append(' ')
              .append(event.getMDCPropertyMap());
      for (IThrowableProxy p = event.getThrowableProxy(); p != null; p = p.getCause()) {
        line.append(" | ").append(p.getClassName()).append(": ").append(p.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(captured);
    captured.stop();
    stratus.setLevel(stratusLevel);
    for (String component : List.of("dispatcher", "console", "api")) {
      Appender<ILoggingEvent> file = root.getAppender("FILE-" + component);
      if (file != null) {
        root.detachAppender(file);
        file.stop();
      }
    }
  }
}
