package io.stratus.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A value from outside cannot add lines to a Stratus log: the real format escapes it. */
class LogEscapingTest {
  @Test
  void shouldEscapeLineBreaksAndControlCharacters() {
    assertEquals(
        "a\\nFAKE ERROR\\r\\tb\\u0007\\u001B[31m\\u2028",
        LogEscaping.escape("a\nFAKE ERROR\r\tb\u0007\u001b[31m\u2028"));
    assertEquals("plain text, ünïcödé", LogEscaping.escape("plain text, ünïcödé"));
    assertEquals(null, LogEscaping.escape(null));
  }

  @Test
  void shouldWriteACloudErrorWithANewlineAsOneLineInTheRealFormat() throws Exception {
    LoggerContext context = configuredFromTheComponentsLogbackXml();
    Logger logger = context.getLogger("io.stratus.worker.Test");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.WARN,
            "Task {} failed: {}",
            null,
            new Object[] {42, "the cloud said no\nFAKE ERROR line\r\u0000 password=hunter2"});
    String line = format(context, event);
    assertEquals(1, line.split("\n", -1).length - 1, line);
    assertTrue(line.contains("the cloud said no\\nFAKE ERROR line\\r\\u0000"), line);
    assertFalse(line.contains("hunter2"), line);
  }

  @Test
  void shouldKeepAStackTraceOneFramePerLineButEscapeItsMessages() throws Exception {
    LoggerContext context = configuredFromTheComponentsLogbackXml();
    Logger logger = context.getLogger("io.stratus.worker.Test");
    RuntimeException failure =
        new RuntimeException(
            "outer\nFAKE ERROR outer", new IllegalStateException("inner\nFAKE ERROR inner"));
    LoggingEvent event =
        new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, "Task failed", failure, null);
    String text = format(context, event);
    for (String line : text.split("\n")) {
      assertFalse(line.startsWith("FAKE ERROR"), text);
    }
    assertTrue(text.contains("outer\\nFAKE ERROR outer"), text);
    assertTrue(
        text.contains("Caused by: java.lang.IllegalStateException: inner\\nFAKE ERROR inner"),
        text);
    assertTrue(text.contains("\n\tat io.stratus.common.logging.LogEscapingTest."), text);
  }

  private static LoggerContext configuredFromTheComponentsLogbackXml() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogEscapingTest.class.getResource("/logback.xml"));
    return context;
  }

  /** The event as the components' console appender would write it. */
  @SuppressWarnings("unchecked")
  private static String format(LoggerContext context, ILoggingEvent event) {
    OutputStreamAppender<ILoggingEvent> console =
        (OutputStreamAppender<ILoggingEvent>)
            context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
  }
}
