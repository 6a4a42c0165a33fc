package io.stratus.km.key;

import java.security.SecureRandom;

/**
 * Fresh key ids: uniformly random positive 63-bit numbers, so an id says nothing about when or for
 * whom a key was stored, and ids cannot be guessed from one another.
 */
public final class KeyIds {
  private final SecureRandom random = new SecureRandom();

  public long next() {
    long id;
    do {
      id = random.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }
}
