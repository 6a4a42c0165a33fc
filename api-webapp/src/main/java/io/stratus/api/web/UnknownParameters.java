package io.stratus.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses, with 400 naming it, a query parameter the operation does not understand where ignoring
 * it could change what happens: on every write (POST, PUT, DELETE, PATCH), and on a list for a
 * filter by id ({@code ...Id}), which ignored would silently widen the listing to every resource (a
 * script that then deletes "the volumes of server 5" would delete them all). Other unknown
 * parameters of a read are left alone, as enStratus clients send options a read can do without.
 *
 * <p>What an operation understands is read from its handler: the names of its
 * {@code @RequestParam}s, those a {@link Declared} controller names for the request (e.g. the
 * filters of the kind at the path), plus {@link #ON_WRITES} which every write accepts.
 */
public final class UnknownParameters implements HandlerInterceptor {
  /** A controller whose parameters depend on the path (one controller serving many kinds). */
  public interface Declared {
    /** The query parameters the operation at {@code path} (its path variables) understands. */
    Set<String> parameters(HttpServletRequest request, Map<String, String> path);
  }

  /**
   * {@code reason}: the note enStratus clients send with a delete ({@code ?reason=...}); it cannot
   * change what the action does.
   */
  public static final Set<String> ON_WRITES = Set.of("reason");

  private static final int SHOWN = 40;
  private final Map<HandlerMethod, Set<String>> declared = new ConcurrentHashMap<>();

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    Map<String, String[]> parameters = request.getParameterMap();
    if (parameters.isEmpty()) {
      return true;
    }
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    Set<String> known = declared.computeIfAbsent(method, UnknownParameters::names);
    if (method.getBean() instanceof Declared controller) {
      @SuppressWarnings("unchecked")
      Map<String, String> path =
          (Map<String, String>)
              request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
      Set<String> more = new HashSet<>(known);
      more.addAll(controller.parameters(request, path == null ? Map.of() : path));
      known = more;
    }
    Set<String> refused = new TreeSet<>();
    for (String name : parameters.keySet()) {
      if (known.contains(name) || (!read && ON_WRITES.contains(name))) {
        continue;
      }
      if (!read || name.endsWith("Id")) {
        refused.add(name.length() > SHOWN ? name.substring(0, SHOWN) + "..." : name);
      }
    }
    if (refused.isEmpty()) {
      return true;
    }
    throw ApiException.badRequest(
        (refused.size() == 1 ? "unknown parameter " : "unknown parameters ")
            + String.join(", ", refused)
            + ": this operation does not understand "
            + (refused.size() == 1 ? "it" : "them")
            + " and refuses the request rather than ignore "
            + (refused.size() == 1 ? "it" : "them"));
  }

  private static Set<String> names(HandlerMethod method) {
    Set<String> names = new HashSet<>();
    for (MethodParameter parameter : method.getMethodParameters()) {
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param != null) {
        names.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
