package io.stratus.console.web;

import io.stratus.common.access.Access;
import io.stratus.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers the signed-in {@link ConsoleUser} and its {@link Access}. */
public final class SessionResolver implements HandlerMethodArgumentResolver {
  private final Session session;

  public SessionResolver(Session session) {
    this.session = session;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Access.class
        || parameter.getParameterType() == ConsoleUser.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    if (parameter.getParameterType() == ConsoleUser.class) {
      return Session.user();
    }
    return session.access(webRequest.getNativeRequest(HttpServletRequest.class));
  }
}
