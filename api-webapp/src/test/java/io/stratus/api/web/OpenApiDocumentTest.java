package io.stratus.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.api.ApiConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The OpenAPI document and the controllers agree: every mapping is documented and every documented
 * operation is mapped. (ApiIT calls each documented operation against the running API.)
 */
public class OpenApiDocumentTest {

  /** "GET /api/enstratus/.../Server/{}" for every operation the document lists. */
  public static Set<String> documented() throws IOException {
    JsonNode doc;
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    Set<String> operations = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            operations.add(
                                method.toUpperCase(Locale.ROOT) + " " + normalise(path.getKey()))));
    return operations;
  }

  static Set<String> mapped() {
    Set<String> operations = new TreeSet<>();
    for (Class<?> controller : ApiConfiguration.CONTROLLERS) {
      RequestMapping root =
          AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
      String[] prefixes = root == null || root.path().length == 0 ? new String[] {""} : root.path();
      for (Method method : controller.getDeclaredMethods()) {
        RequestMapping mapping =
            AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        if (mapping == null) {
          continue;
        }
        String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
        for (String prefix : prefixes) {
          for (String path : paths) {
            String full = normalise(prefix + path);
            if (full.endsWith("/") && full.length() > 1) {
              continue; // the trailing-slash alias of the versions list
            }
            for (var verb : mapping.method()) {
              operations.add(verb.name() + " " + full);
            }
          }
        }
      }
    }
    return operations;
  }

  static String normalise(String path) {
    return path.replaceAll("\\{[^}]+}", "{}");
  }

  @Test
  void shouldDocumentEveryMappingAndMapEveryDocumentedOperation() throws IOException {
    assertEquals(mapped(), documented());
  }
}
