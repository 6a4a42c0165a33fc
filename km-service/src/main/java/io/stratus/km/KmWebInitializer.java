package io.stratus.km;

import io.stratus.common.config.Config;
import io.stratus.common.logging.LogFiles;
import io.stratus.web.EtcDirectory;
import io.stratus.web.ServiceWebConfiguration;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.springframework.web.WebApplicationInitializer;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The KM WAR's servlet initializer. In a standalone Tomcat it reads {@code km.properties} from
 * {@code $STRATUS_ETC} (or the system property {@code stratus.etc}, else {@code /services/km/etc});
 * {@link KmServer} hands it settings directly.
 */
public final class KmWebInitializer implements WebApplicationInitializer {
  private final KmSettings settings;

  /** For the servlet container: settings come from the etc directory. */
  public KmWebInitializer() {
    this(null);
  }

  public KmWebInitializer(KmSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    KmSettings km =
        settings != null ? settings : KmSettings.from(Config.load("km", EtcDirectory.of("km")));
    km.logDir().ifPresent(dir -> LogFiles.toFile("km", dir));

    AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    context.addBeanFactoryPostProcessor(
        beanFactory -> beanFactory.registerSingleton("kmSettings", km));
    context.register(KmConfiguration.class);
    // Refreshed here rather than by the listener, so a failure (database unreachable, schema
    // mismatch) stops the start with its cause instead of leaving a context that answers 404.
    context.setServletContext(servletContext);
    context.refresh();
    servletContext.addListener(new ContextLoaderListener(context));

    for (String filter :
        new String[] {"componentAccessFilter", ServiceWebConfiguration.BODY_LIMIT_FILTER}) {
      FilterRegistration.Dynamic registration =
          servletContext.addFilter(filter, new DelegatingFilterProxy(filter));
      registration.addMappingForUrlPatterns(null, true, "/*");
    }

    ServletRegistration.Dynamic dispatcher =
        servletContext.addServlet("km", new DispatcherServlet(context));
    dispatcher.setLoadOnStartup(1);
    dispatcher.addMapping("/");
  }
}
