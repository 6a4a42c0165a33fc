package io.stratus.cloud.local.daemon;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The daemon's one access key and secret, created on first start in {@code credentials.properties}
 * (readable by its owner only). The secret never leaves that file except as the operator copies it.
 */
final class Credentials {
  static final String FILE = "credentials.properties";
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  final String accessKey;
  private final byte[] secret;

  private Credentials(String accessKey, String secret) {
    this.accessKey = accessKey;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  static Credentials loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      OwnerOnly.newFile(file);
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write("# The local cloud's API credentials. Keep this file private.\n");
        w.write("access-key=LC" + random(18) + "\n");
        w.write("secret-key=" + random(40) + "\n");
      }
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new Credentials(p.getProperty("access-key"), p.getProperty("secret-key"));
  }

  boolean verify(String accessKey, String stringToSign, String signature) {
    if (accessKey == null || signature == null || !this.accessKey.equals(accessKey)) {
      return false;
    }
    byte[] expected = RequestSigner.sign(secret, stringToSign).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }

  private static String random(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
