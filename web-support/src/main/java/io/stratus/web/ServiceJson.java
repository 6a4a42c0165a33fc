package io.stratus.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How the JSON services read and write bodies. Every service: nothing after the value, no key twice
 * in an object, dates and times as ISO-8601 text. Internal services (KM, Dispatcher) are {@link
 * #strict()} besides: an unknown field or a scalar of the wrong type is refused, not guessed at.
 */
public final class ServiceJson {
  private ServiceJson() {}

  /** The settings every service shares; the public API keeps enStratus clients' leniency. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  /** {@link #builder()}, refusing unknown fields and scalars of another type. */
  public static JsonMapper strict() {
    return builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
  }
}
