package io.stratus.web;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web configuration every JSON service (KM, Dispatcher, API) shares, imported by its wiring
 * root beside one {@link ServiceWeb} bean: Spring MVC, JSON bodies through the service's mapper,
 * {@link ErrorBody} bytes as they are, and the body limit, which the service's initializer
 * registers with the container as {@link #BODY_LIMIT_FILTER}. The service's {@link ServiceErrors}
 * answers what fails.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
public class ServiceWebConfiguration implements WebMvcConfigurer {
  /** The body limit's bean name, for a {@code DelegatingFilterProxy}. */
  public static final String BODY_LIMIT_FILTER = "bodyLimitFilter";

  private final ServiceWeb web;

  public ServiceWebConfiguration(ServiceWeb web) {
    this.web = web;
  }

  @Bean(BODY_LIMIT_FILTER)
  BodyLimitFilter bodyLimitFilter() {
    return new BodyLimitFilter(web.maxBodyBytes(), web.refusals());
  }

  @Override
  public void configureMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.add(new ByteArrayHttpMessageConverter());
    converters.add(new MappingJackson2HttpMessageConverter(web.json()));
  }
}
