package io.stratus.console.signin;

import java.io.Serializable;

/**
 * Who is signed in: kept in the session (in MySQL), so it holds only ids and names, never a
 * password or a right (rights are read again on every request, so a revoked right takes effect at
 * once).
 */
public record ConsoleUser(long customerId, long userId, String email, String displayName)
    implements Serializable {}
