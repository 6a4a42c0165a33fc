package io.stratus.console.signin;

import io.stratus.common.db.Database;
import io.stratus.console.ConsoleSettings;
import io.stratus.console.web.SameOriginRedirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Spring Security for the console: every page but sign-in and the static assets needs a signed-in
 * user; forms carry CSRF tokens (held in the session, so in MySQL); the session id is rotated at
 * sign-in; responses carry security headers, a content security policy allowing only the console's
 * own scripts and styles among them; sessions end after {@code session.absolute-timeout}. Every
 * redirect is a path on the request's own origin ({@link SameOriginRedirects}), a refused sign-in
 * leaves nothing of the attempt in the session ({@link SignInFailure}), and a user signed in with a
 * password someone else chose must choose its own first ({@link PasswordChangeFirst}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self';"
          + " object-src 'none'";

  @Bean
  SignInAudit signInAudit(Database database) {
    return new SignInAudit(database.primary());
  }

  @Bean
  PasswordSignIn passwordSignIn(Database database, SignInAudit audit, ConsoleSettings settings) {
    return new PasswordSignIn(
        database.primary(), audit, settings.maxFailures(), settings.lockout());
  }

  @Bean
  SecurityFilterChain consoleSecurity(
      HttpSecurity http, PasswordSignIn signIn, SignInAudit audit, ConsoleSettings settings)
      throws Exception {
    PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
    SavedRequestAwareAuthenticationSuccessHandler success =
        new SavedRequestAwareAuthenticationSuccessHandler() {
          @Override
          public void onAuthenticationSuccess(
              HttpServletRequest request, HttpServletResponse response, Authentication auth)
              throws jakarta.servlet.ServletException, IOException {
            request
                .getSession()
                .setAttribute(AbsoluteTimeoutFilter.SIGNED_IN_AT, System.currentTimeMillis());
            IdleTimeoutFilter.active(request.getSession());
            if (auth.getPrincipal() instanceof ConsoleUser user
                && signIn.mustChangePassword(user.userId())) {
              request.getSession().setAttribute(PasswordChangeFirst.REQUIRED, Boolean.TRUE);
            }
            super.onAuthenticationSuccess(request, response, auth);
          }
        };
    success.setDefaultTargetUrl("/");
    success.setAlwaysUseDefaultTargetUrl(false);
    // The saved request's URL is absolute, built from the Host header and Spring's port mapper:
    // every redirect goes to a path on the request's own origin instead.
    SameOriginRedirects redirects = new SameOriginRedirects();
    success.setRedirectStrategy(redirects);
    SimpleUrlLogoutSuccessHandler signedOut = new SimpleUrlLogoutSuccessHandler();
    signedOut.setDefaultTargetUrl("/signin?signedout");
    signedOut.setRedirectStrategy(redirects);
    // One manager with this one provider and no parent: a parent (Spring's global manager, which
    // would pick up the same bean) would check each wrong password twice and count it twice.
    http.authenticationManager(new ProviderManager(signIn))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers(
                        path.matcher("/signin"),
                        path.matcher("/static/**"),
                        path.matcher("/webjars/**"),
                        path.matcher("/favicon.ico"),
                        path.matcher("/error"))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/signin")
                    .loginProcessingUrl("/signin")
                    .usernameParameter("email")
                    .passwordParameter("password")
                    .successHandler(success)
                    .failureHandler(new SignInFailure(redirects))
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/signout")
                    .addLogoutHandler(
                        (request, response, auth) -> {
                          if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
                            audit.record(
                                user.customerId(),
                                user.userId(),
                                user.email(),
                                "signout",
                                request.getRemoteAddr(),
                                "success",
                                null);
                          }
                        })
                    .logoutSuccessHandler(signedOut)
                    .deleteCookies(SessionConfiguration.COOKIE))
        .sessionManagement(session -> session.sessionFixation().changeSessionId())
        .csrf(csrf -> csrf.csrfTokenRequestHandler(new CsrfTokens()))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, signedOutVisit) ->
                            redirects.sendRedirect(request, response, "/signin"))
                    .accessDeniedHandler(refusal()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .addFilterBefore(
            new AbsoluteTimeoutFilter(settings.absoluteTimeout(), Clock.systemUTC()),
            AuthorizationFilter.class)
        .addFilterBefore(
            new IdleTimeoutFilter(settings.idleTimeout(), Clock.systemUTC()),
            AuthorizationFilter.class)
        .addFilterAfter(new PasswordChangeFirst(redirects), AuthorizationFilter.class);
    return http.build();
  }

  /** A refused form (no or a stale CSRF token) or page: 403 with a page saying why. */
  private static AccessDeniedHandler refusal() {
    return (request, response, denied) -> {
      String message =
          denied instanceof CsrfException
              ? "This form was not sent by this console, or it expired (its CSRF token is missing"
                  + " or wrong). Reload the page and try again."
              : "You may not do this.";
      request.setAttribute("refusal", message);
      response.setStatus(403);
      request.getRequestDispatcher("/refused").forward(request, response);
    };
  }
}
