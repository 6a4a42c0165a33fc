package io.stratus.console.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} headers count only from the proxies named in {@code
 * proxy.trusted} (the browser's address, scheme, host and port as the proxy saw them); from anyone
 * else they are removed before the console sees the request, so a client cannot claim another
 * address, scheme or host. With no proxy configured (the default) they are always removed.
 */
public final class TrustedProxies extends OncePerRequestFilter {
  private final List<IpAddressMatcher> trusted;
  private final ForwardedHeaderFilter apply = new ForwardedHeaderFilter();
  private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();

  /**
   * @param trusted addresses or CIDR ranges ({@code 10.0.0.5}, {@code 10.1.0.0/16}, {@code ::1})
   */
  public TrustedProxies(List<String> trusted) {
    this.trusted = trusted.stream().map(IpAddressMatcher::new).toList();
    remove.setRemoveOnly(true);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String from = request.getRemoteAddr();
    boolean proxy = trusted.stream().anyMatch(range -> range.matches(from));
    (proxy ? apply : remove).doFilter(request, response, chain);
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
