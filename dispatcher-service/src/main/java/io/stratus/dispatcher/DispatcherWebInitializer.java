package io.stratus.dispatcher;

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
 * The Dispatcher WAR's servlet initializer. In a standalone Tomcat it reads {@code
 * dispatcher.properties} from {@code $STRATUS_ETC} (or {@code -Dstratus.etc}, else {@code
 * /services/dispatcher/etc}); {@link DispatcherServer} hands it settings directly.
 */
public final class DispatcherWebInitializer implements WebApplicationInitializer {
  private final DispatcherSettings settings;

  /** For the servlet container: settings come from the etc directory. */
  public DispatcherWebInitializer() {
    this(null);
  }

  public DispatcherWebInitializer(DispatcherSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    DispatcherSettings dispatcher =
        settings != null
            ? settings
            : DispatcherSettings.from(Config.load("dispatcher", EtcDirectory.of("dispatcher")));
    dispatcher.logDir().ifPresent(dir -> LogFiles.toFile("dispatcher", dir));

    AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    context.addBeanFactoryPostProcessor(
        beanFactory -> beanFactory.registerSingleton("dispatcherSettings", dispatcher));
    context.register(DispatcherConfiguration.class);
    // Refreshed here, so a failure (database, broker or KM unreachable) stops the start with its
    // cause; a failed refresh closes what it had opened.
    context.setServletContext(servletContext);
    context.refresh();
    servletContext.addListener(new ContextLoaderListener(context));

    for (String filter :
        new String[] {"componentAccessFilter", ServiceWebConfiguration.BODY_LIMIT_FILTER}) {
      FilterRegistration.Dynamic registration =
          servletContext.addFilter(filter, new DelegatingFilterProxy(filter));
      registration.addMappingForUrlPatterns(null, true, "/*");
    }
    ServletRegistration.Dynamic servlet =
        servletContext.addServlet("dispatcher", new DispatcherServlet(context));
    servlet.setLoadOnStartup(1);
    servlet.addMapping("/");
  }
}
