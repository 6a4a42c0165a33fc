package io.stratus.console;

import io.stratus.common.config.Config;
import io.stratus.common.logging.LogFiles;
import io.stratus.console.web.TrustedProxies;
import io.stratus.web.EtcDirectory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import org.springframework.web.WebApplicationInitializer;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The console WAR's servlet initializer. In a standalone Tomcat it reads {@code console.properties}
 * from {@code $STRATUS_ETC} (or {@code -Dstratus.etc}, else {@code /services/console/etc}); {@link
 * ConsoleServer} hands it settings directly.
 */
public final class ConsoleWebInitializer implements WebApplicationInitializer {
  private final ConsoleSettings settings;

  /** For the servlet container: settings come from the etc directory. */
  public ConsoleWebInitializer() {
    this(null);
  }

  public ConsoleWebInitializer(ConsoleSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    ConsoleSettings console =
        settings != null
            ? settings
            : ConsoleSettings.from(Config.load("console", EtcDirectory.of("console")));
    console.logDir().ifPresent(dir -> LogFiles.toFile("console", dir));

    AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    context.addBeanFactoryPostProcessor(
        beanFactory -> beanFactory.registerSingleton("consoleSettings", console));
    context.register(ConsoleConfiguration.class);
    context.setServletContext(servletContext);
    context.refresh();
    servletContext.addListener(new ContextLoaderListener(context));

    // Forwarded headers from configured proxies only, before anything reads the request's origin.
    FilterRegistration.Dynamic proxies =
        servletContext.addFilter("trustedProxies", new TrustedProxies(console.trustedProxies()));
    proxies.addMappingForUrlPatterns(
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC), true, "/*");
    // The session first (from MySQL), then Spring Security (sign-in, CSRF, headers, timeouts).
    for (String filter :
        new String[] {"springSessionRepositoryFilter", "springSecurityFilterChain"}) {
      FilterRegistration.Dynamic registration =
          servletContext.addFilter(filter, new DelegatingFilterProxy(filter));
      registration.addMappingForUrlPatterns(
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC),
          true,
          "/*");
    }
    ServletRegistration.Dynamic servlet =
        servletContext.addServlet("console", new DispatcherServlet(context));
    servlet.setLoadOnStartup(1);
    servlet.addMapping("/");
  }
}
