package io.stratus.console.signin;

import io.stratus.common.db.Database;
import io.stratus.console.ConsoleSettings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions in MySQL (Spring Session JDBC, tables {@code SPRING_SESSION*}): a console keeps no
 * session of its own, so a restarted console, or any console behind the same address, finds every
 * signed-in user. The cookie {@code STRATUS_SESSION} is secure, HTTP-only and same-site Lax; a
 * session unused for {@code session.idle-timeout} expires, and expired rows are deleted every
 * minute.
 */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);
  public static final String COOKIE = "STRATUS_SESSION";

  @Bean
  JdbcIndexedSessionRepository sessionRepository(Database database, ConsoleSettings settings) {
    JdbcIndexedSessionRepository repository =
        new JdbcIndexedSessionRepository(
            new JdbcTemplate(database.primary()),
            new TransactionTemplate(new DataSourceTransactionManager(database.primary())));
    repository.setDefaultMaxInactiveInterval(settings.idleTimeout());
    return repository;
  }

  @Bean
  SignedInSessions signedInSessions(JdbcIndexedSessionRepository repository) {
    return new SignedInSessions(repository);
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService sessionCleaner(JdbcIndexedSessionRepository repository) {
    ScheduledExecutorService cleaner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "console-session-cleaner");
              thread.setDaemon(true);
              return thread;
            });
    cleaner.scheduleWithFixedDelay(
        () -> {
          try {
            repository.cleanUpExpiredSessions();
          } catch (RuntimeException e) {
            log.warn("Could not delete expired console sessions: {}", e.getMessage());
          }
        },
        1,
        1,
        TimeUnit.MINUTES);
    return cleaner;
  }

  @Bean
  SessionRepositoryFilter<?> springSessionRepositoryFilter(
      JdbcIndexedSessionRepository repository) {
    DefaultCookieSerializer cookie = new DefaultCookieSerializer();
    cookie.setCookieName(COOKIE);
    cookie.setCookiePath("/");
    cookie.setUseSecureCookie(true);
    cookie.setUseHttpOnlyCookie(true);
    cookie.setSameSite("Lax");
    CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
    resolver.setCookieSerializer(cookie);
    SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(repository);
    filter.setHttpSessionIdResolver(resolver);
    return filter;
  }
}
