package io.stratus.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {
  @Test
  void shouldMaskPasswordPairsAndUriPasswords() {
    String line =
        "connect amqp://guest:s3cret@host:5672/ with password=hunter2, token: abc123 and"
            + " {\"secretKey\":\"zzz\"}";
    String masked = SecretMasking.mask(line);
    assertFalse(masked.contains("s3cret"), masked);
    assertFalse(masked.contains("hunter2"), masked);
    assertFalse(masked.contains("abc123"), masked);
    assertEquals("plain words stay", SecretMasking.mask("plain words stay"));
  }
}
