package io.stratus.km;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratus.km.audit.AccessLog;
import io.stratus.km.audit.Outcome;
import io.stratus.km.key.KeyController;
import io.stratus.km.key.KeyIds;
import io.stratus.km.key.KeyRepository;
import io.stratus.km.key.KeyService;
import io.stratus.km.key.KeyValidator;
import io.stratus.km.web.ApiErrors;
import io.stratus.web.BodyLimitFilter;
import io.stratus.web.ComponentAccessFilter;
import io.stratus.web.RefusalListener;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Key Manager's one wiring root: its data ({@link KmDataConfiguration}), the audit log, the key
 * service and its controller, the filters that check the caller and the body size, and JSON that
 * refuses unknown fields.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
@Import(KmDataConfiguration.class)
public class KmConfiguration implements WebMvcConfigurer {

  @Bean
  AccessLog accessLog(DataSource kmDataSource) {
    return new AccessLog(kmDataSource);
  }

  @Bean
  KeyService keyService(
      DataSource kmDataSource,
      AccessLog accessLog,
      TransactionTemplate kmTransactions,
      KmSettings settings) {
    return new KeyService(
        new KeyRepository(kmDataSource),
        accessLog,
        kmTransactions,
        new KeyValidator(settings.maxPartBytes()),
        new KeyIds());
  }

  @Bean
  KeyController keyController(KeyService keyService) {
    return new KeyController(keyService);
  }

  @Bean
  ApiErrors apiErrors(AccessLog accessLog) {
    return new ApiErrors(accessLog);
  }

  /** The components allowed to call the KM: the seed's rule, not a setting. */
  static final Set<String> CALLERS = Set.of("dispatcher", "worker");

  /** Registered with the servlet container by {@link KmWebInitializer}, first in the chain. */
  @Bean
  ComponentAccessFilter componentAccessFilter(AccessLog accessLog) {
    return new ComponentAccessFilter("the Key Manager", CALLERS, refusals(accessLog));
  }

  /** Second in the chain, after the caller is known. */
  @Bean
  BodyLimitFilter bodyLimitFilter(KmSettings settings, AccessLog accessLog) {
    return new BodyLimitFilter(settings.maxBodyBytes(), refusals(accessLog));
  }

  /** Every refused request is an audit row. */
  private static RefusalListener refusals(AccessLog accessLog) {
    return (request, status, why) -> accessLog.recordRefusal(request, Outcome.ofStatus(status));
  }

  @Override
  public void configureMessageConverters(List<HttpMessageConverter<?>> converters) {
    ObjectMapper json =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    converters.add(new MappingJackson2HttpMessageConverter(json));
  }
}
