package io.stratus.dispatcher.access;

import io.stratus.common.access.Access;
import io.stratus.dispatcher.web.DispatchException;
import io.stratus.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Builds the {@link Actor} of a call from the {@code X-Stratus-Customer} and {@code X-Stratus-User}
 * headers. The customer must exist and be active; the user must be an active user of that customer.
 * The console and the API always act for a user; a worker may act for the platform (no user). A
 * user's right for the route ({@link Requires}) is checked here, before the route runs.
 */
public final class ActorResolver implements HandlerMethodArgumentResolver {
  public static final String CUSTOMER_HEADER = "X-Stratus-Customer";
  public static final String USER_HEADER = "X-Stratus-User";

  /**
   * The address the user's request came from, as the console or the API saw it; recorded in the
   * audit log instead of the caller's own address. Taken only from a certified console or API.
   */
  public static final String SOURCE_HEADER = "X-Stratus-Source-Address";

  private static final java.util.regex.Pattern ADDRESS =
      java.util.regex.Pattern.compile("[0-9A-Fa-f.:]{2,45}");

  private final JdbcClient jdbc;
  private final RightsCheck rights;

  public ActorResolver(DataSource reads, RightsCheck rights) {
    this.jdbc = JdbcClient.create(reads);
    this.rights = rights;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Actor.class;
  }

  @Override
  public Actor resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    String component = Caller.of(request).component();
    long customerId =
        number(request.getHeader(CUSTOMER_HEADER), CUSTOMER_HEADER)
            .orElseThrow(
                () ->
                    DispatchException.badRequest("the header " + CUSTOMER_HEADER + " is required"));
    Optional<Long> userId = number(request.getHeader(USER_HEADER), USER_HEADER);
    if (userId.isEmpty() && !"worker".equals(component)) {
      throw DispatchException.badRequest(
          "the header " + USER_HEADER + " is required: the " + component + " acts for a user");
    }
    // One round trip for both: every call to the Dispatcher makes it.
    Map<String, Object> found =
        jdbc
            .sql(
                """
                SELECT c.status AS customer_status, u.id AS user_id, u.email, u.status AS user_status
                  FROM customer c
                  LEFT JOIN user_account u ON u.id = :user AND u.customer_id = c.id
                 WHERE c.id = :customer
                """)
            .param("user", userId.orElse(null))
            .param("customer", customerId)
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElseThrow(() -> DispatchException.forbidden("no customer " + customerId));
    if (!"active".equals(found.get("customer_status"))) {
      throw DispatchException.forbidden(
          "customer " + customerId + " is " + found.get("customer_status"));
    }
    String email = null;
    if (userId.isPresent()) {
      if (found.get("user_id") == null) {
        throw DispatchException.forbidden(
            "user " + userId.get() + " is not a user of customer " + customerId);
      }
      if (!"active".equals(found.get("user_status"))) {
        throw DispatchException.forbidden(
            "user " + userId.get() + " is " + found.get("user_status"));
      }
      email = (String) found.get("email");
    }
    String source = request.getHeader(SOURCE_HEADER);
    String address =
        source != null
                && ("console".equals(component) || "api".equals(component))
                && ADDRESS.matcher(source).matches()
            ? source
            : request.getRemoteAddr();
    if (userId.isEmpty()) {
      return new Actor(component, customerId, null, null, address);
    }
    Requires requires = parameter.getMethodAnnotation(Requires.class);
    if (requires == null) {
      // Fail closed: a route that acts for a user must say which right it needs.
      throw DispatchException.forbidden(
          "this route declares no right; the Dispatcher refuses it for users");
    }
    Access access =
        rights.check(requires, customerId, userId.get(), requires.owned() ? pathId(request) : null);
    return new Actor(component, customerId, userId.get(), email, address, access);
  }

  private static Long pathId(HttpServletRequest request) {
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String id = variables == null ? null : variables.get("id");
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw DispatchException.badRequest("'id' must be a number");
    }
  }

  private static Optional<Long> number(String value, String header) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(value.trim());
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return Optional.of(id);
    } catch (NumberFormatException e) {
      throw DispatchException.badRequest("the header " + header + " must be a positive number");
    }
  }
}
