package io.stratus.common.identity;

/**
 * A refused identity write, with a message safe to show the person who asked for it. The console
 * and the API answer {@link Invalid} with 400, {@link NotFound} with 404 and {@link Conflict} (a
 * {@link Duplicate} name or e-mail address, or a role still {@link InUse}) with 409.
 */
public abstract class IdentityException extends RuntimeException {
  private IdentityException(String message) {
    super(message, null, false, false);
  }

  /** A value that cannot be used: an e-mail address, a name, a right, a status. */
  public static final class Invalid extends IdentityException {
    public Invalid(String message) {
      super(message);
    }
  }

  /** No such user, group or role for this customer (another customer's id looks the same). */
  public static final class NotFound extends IdentityException {
    public NotFound(String what, long id) {
      super("no " + what + " " + id);
    }
  }

  /** The write conflicts with what is there. */
  public abstract static class Conflict extends IdentityException {
    private Conflict(String message) {
      super(message);
    }
  }

  /** A name or e-mail address already taken. */
  public static final class Duplicate extends Conflict {
    public Duplicate(String message) {
      super(message);
    }
  }

  /** Something still refers to what was to be removed. */
  public static final class InUse extends Conflict {
    public InUse(String message) {
      super(message);
    }
  }
}
