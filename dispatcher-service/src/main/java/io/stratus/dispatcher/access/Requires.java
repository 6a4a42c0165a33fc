package io.stratus.dispatcher.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The right a Dispatcher route needs, checked for the acting user before the route runs (defence in
 * depth: the console and the API check it too, but a front end's certificate alone must not act
 * beyond the user it names). Every route that takes an {@link Actor} carries one; a route without
 * it is refused. A worker acting for the platform (no user) is not checked.
 *
 * <p>The names are those of {@code role_right}, as the console and the API use them: resource type
 * × action, e.g. {@code server} × {@code stop}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
  /** The resource type of the right, e.g. {@code server}. */
  String resource();

  /** The action of the right, e.g. {@code stop}. */
  String action();

  /**
   * Whether the path's {@code {id}} names a row of the resource's own table that the right's
   * qualifier must reach (MINE: the user's own; GROUP: also its groups'; ANY: every one of the
   * customer's). False for an action that creates a resource.
   */
  boolean owned() default false;
}
