package io.stratus.dispatcher.access;

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

/**
 * Builds the {@link Actor} of a call from the {@code X-Stratus-Customer} and {@code X-Stratus-User}
 * headers. The customer must exist and be active; the user must be an active user of that customer.
 * The console and the API always act for a user; a worker may act for the platform (no user).
 */
public final class ActorResolver implements HandlerMethodArgumentResolver {
  public static final String CUSTOMER_HEADER = "X-Stratus-Customer";
  public static final String USER_HEADER = "X-Stratus-User";

  private final JdbcClient jdbc;

  public ActorResolver(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
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
    String status =
        jdbc.sql("SELECT status FROM customer WHERE id = ?")
            .param(customerId)
            .query(String.class)
            .optional()
            .orElseThrow(() -> DispatchException.forbidden("no customer " + customerId));
    if (!"active".equals(status)) {
      throw DispatchException.forbidden("customer " + customerId + " is " + status);
    }
    String email = null;
    if (userId.isPresent()) {
      Map<String, Object> user =
          jdbc
              .sql("SELECT email, status FROM user_account WHERE id = ? AND customer_id = ?")
              .param(userId.get())
              .param(customerId)
              .query()
              .listOfRows()
              .stream()
              .findFirst()
              .orElseThrow(
                  () ->
                      DispatchException.forbidden(
                          "user " + userId.get() + " is not a user of customer " + customerId));
      if (!"active".equals(user.get("status"))) {
        throw DispatchException.forbidden("user " + userId.get() + " is " + user.get("status"));
      }
      email = (String) user.get("email");
    }
    return new Actor(component, customerId, userId.orElse(null), email, request.getRemoteAddr());
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
