package io.stratus.common.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %maskedMsg}: the log message (its arguments formatted in) on one line, with control
 * characters escaped ({@link LogEscaping}) and anything that looks like a secret masked.
 */
public final class MaskingMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return SecretMasking.mask(LogEscaping.escape(super.convert(event)));
  }
}
