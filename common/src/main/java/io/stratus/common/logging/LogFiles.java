package io.stratus.common.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sends a component's log to {@code <logDir>/<component>.log} (rolled daily and at 50 MB, 14 days
 * kept) in the production layout, with the same pattern as the console.
 */
public final class LogFiles {
  /** The one pattern every component logs with. */
  public static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} - %maskedMsg%n%escapedEx";

  private LogFiles() {}

  /** Adds the file appender to the root logger; returns the log file's path. */
  public static Path toFile(String component, Path logDir) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    registerConverter(context);
    Path file = logDir.resolve(component + ".log");

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE-" + component);
    appender.setFile(file.toString());
    appender.setEncoder(encoder);

    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(logDir.resolve(component + ".%d{yyyy-MM-dd}.%i.log.gz").toString());
    policy.setMaxFileSize(FileSize.valueOf("50MB"));
    policy.setMaxHistory(14);
    policy.start();

    appender.setRollingPolicy(policy);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return file;
  }

  @SuppressWarnings("unchecked")
  private static void registerConverter(LoggerContext context) {
    Map<String, String> rules =
        (Map<String, String>)
            context.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
    if (rules == null) {
      rules = new HashMap<>();
      context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
    }
    rules.putIfAbsent("maskedMsg", MaskingMessageConverter.class.getName());
    rules.putIfAbsent("escapedEx", EscapingThrowableConverter.class.getName());
  }
}
