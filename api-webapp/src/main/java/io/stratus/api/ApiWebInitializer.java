package io.stratus.api;

import io.stratus.api.web.VersionAliases;
import io.stratus.common.config.Config;
import io.stratus.common.logging.LogFiles;
import io.stratus.web.EtcDirectory;
import io.stratus.web.SecurityHeadersFilter;
import io.stratus.web.ServiceWebConfiguration;
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
 * The API WAR's servlet initializer. In a standalone Tomcat it reads {@code api.properties} from
 * {@code $STRATUS_ETC} (or {@code -Dstratus.etc}, else {@code /services/api/etc}); {@link
 * ApiServer} hands it settings directly.
 */
public final class ApiWebInitializer implements WebApplicationInitializer {
  private final ApiSettings settings;

  /** For the servlet container: settings come from the etc directory. */
  public ApiWebInitializer() {
    this(null);
  }

  public ApiWebInitializer(ApiSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    ApiSettings api =
        settings != null ? settings : ApiSettings.from(Config.load("api", EtcDirectory.of("api")));
    api.logDir().ifPresent(dir -> LogFiles.toFile("api", dir));

    AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    context.addBeanFactoryPostProcessor(
        beanFactory -> beanFactory.registerSingleton("apiSettings", api));
    context.register(ApiConfiguration.class);
    context.setServletContext(servletContext);
    context.refresh();
    servletContext.addListener(new ContextLoaderListener(context));

    // The security headers first (every answer, refusals included, carries them), then the body
    // limit, then the signature: nothing unsigned reaches a controller. A HEAD on a collection is
    // signed as a HEAD, then answered as its GET with a count (headCounts).
    servletContext
        .addFilter("securityHeaders", new SecurityHeadersFilter())
        .addMappingForUrlPatterns(null, false, "/*");
    for (String filter :
        new String[] {ServiceWebConfiguration.BODY_LIMIT_FILTER, "signatureFilter"}) {
      FilterRegistration.Dynamic registration =
          servletContext.addFilter(filter, new DelegatingFilterProxy(filter));
      registration.addMappingForUrlPatterns(null, true, "/*");
    }
    // A signed request to an older version's path is forwarded to the current one, where the
    // HEAD count (which also sees forwards) and the controllers answer it.
    servletContext
        .addFilter("versionAliases", new VersionAliases())
        .addMappingForUrlPatterns(null, true, "/*");
    servletContext
        .addFilter("headCounts", new DelegatingFilterProxy("headCounts"))
        .addMappingForUrlPatterns(
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD), true, "/*");
    ServletRegistration.Dynamic servlet =
        servletContext.addServlet("api", new DispatcherServlet(context));
    servlet.setLoadOnStartup(1);
    servlet.addMapping("/");
  }
}
