package io.stratus.km.key;

/**
 * The body of a create or replace: the scheme and the two parts, already encrypted by the caller.
 * Anything else in the body (a customer id, a name) is refused, so nothing identifying can be
 * stored by mistake.
 */
public record KeyRequest(String version, String publicPart, String privatePart) {
  @Override
  public String toString() {
    return "KeyRequest[version=" + version + ", parts not shown]";
  }
}
