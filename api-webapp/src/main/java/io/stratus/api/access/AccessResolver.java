package io.stratus.api.access;

import io.stratus.api.auth.ApiKeyStore;
import io.stratus.api.auth.Principal;
import io.stratus.common.access.Access;
import io.stratus.common.access.AccessLoader;
import io.stratus.common.access.Qualifier;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers the caller's {@link Access} (or bare {@link Principal}). */
public final class AccessResolver implements HandlerMethodArgumentResolver {
  private final AccessLoader loader;

  public AccessResolver(AccessLoader loader) {
    this.loader = loader;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Access.class
        || parameter.getParameterType() == Principal.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Principal principal = Principal.of(request);
    if (parameter.getParameterType() == Principal.class) {
      return principal;
    }
    ApiKeyStore.Grants grants = Principal.grants(request);
    if (grants == null) {
      return loader.load(principal.customerId(), principal.userId());
    }
    Map<String, Qualifier> rights = new HashMap<>();
    grants.rights().forEach((key, q) -> rights.put(key, Qualifier.valueOf(q)));
    return new Access(principal.customerId(), principal.userId(), rights, grants.groups());
  }
}
