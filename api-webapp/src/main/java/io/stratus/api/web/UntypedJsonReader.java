package io.stratus.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Reads a request body declared {@code text/plain}, {@code application/octet-stream} or not
 * declared at all (Spring takes a missing Content-Type as octet-stream) as JSON, with the API's one
 * {@link ObjectMapper}: enStratus clients send JSON so (mixcoatl sends no Content-Type on writes,
 * others {@code text/plain}). A body that does not parse is the usual 400 of {@link ApiErrors}; a
 * body of another declared type (XML, a form) stays a 415. It never writes: answers are {@code
 * application/json} only. It reads the bytes as they arrived and changes nothing in the request.
 */
public final class UntypedJsonReader extends MappingJackson2HttpMessageConverter {
  public UntypedJsonReader(ObjectMapper json) {
    super(json);
    setSupportedMediaTypes(List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM));
  }

  @Override
  public boolean canWrite(Class<?> clazz, MediaType mediaType) {
    return false;
  }

  @Override
  public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
    return false;
  }
}
