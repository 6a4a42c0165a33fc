package io.stratus.km.key;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What the KM accepts as a key: a short scheme name and two parts within the size limit. */
public final class KeyValidator {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private final int maxPartBytes;

  public KeyValidator(int maxPartBytes) {
    this.maxPartBytes = maxPartBytes;
  }

  /**
   * @throws InvalidKeyRequestException naming the field that is missing, malformed or too large
   */
  public void check(KeyRequest request) {
    if (request == null) {
      throw InvalidKeyRequestException.malformed("the body must be a JSON object");
    }
    if (request.version() == null || !VERSION.matcher(request.version()).matches()) {
      throw InvalidKeyRequestException.malformed(
          "version is required: 1..64 letters, digits, '.', '_', ':' or '-'");
    }
    checkPart("publicPart", request.publicPart());
    checkPart("privatePart", request.privatePart());
  }

  /**
   * @throws InvalidKeyRequestException unless {@code keyId} can be a key id
   */
  public static void checkId(long keyId) {
    if (keyId <= 0) {
      throw InvalidKeyRequestException.malformed("a key id is a positive number");
    }
  }

  private void checkPart(String name, String part) {
    if (part == null) {
      throw InvalidKeyRequestException.malformed(name + " is required (it may be empty)");
    }
    // UTF-8 length without copying for the common ASCII case.
    int bytes = part.length();
    if (bytes <= maxPartBytes) {
      for (int i = 0; i < part.length() && bytes <= maxPartBytes; i++) {
        if (part.charAt(i) >= 0x80) {
          bytes = part.getBytes(StandardCharsets.UTF_8).length;
          break;
        }
      }
    }
    if (bytes > maxPartBytes) {
      throw InvalidKeyRequestException.tooLarge(
          name + " is larger than " + maxPartBytes + " bytes");
    }
  }
}
