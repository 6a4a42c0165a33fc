package io.stratus.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.ApiConfiguration;
import io.stratus.api.resource.KindController;
import io.stratus.api.resource.OpenApiDocument;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.ResourceKinds;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The OpenAPI document ({@link OpenApiDocument}: generated for the declared kinds, merged with the
 * hand-written {@code openapi-actions.json}) and the controllers agree: every mapping is documented
 * and every documented operation is mapped. (ApiIT calls each documented operation against the
 * running API.)
 */
public class OpenApiDocumentTest {

  /** "GET /api/enstratus/.../Server/{}" for every operation the document lists. */
  public static Set<String> documented() throws IOException {
    JsonNode doc = OpenApiDocument.build();
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
              if (controller == KindController.class) {
                if (verb != RequestMethod.GET) {
                  continue; // other methods only refuse (405, or 404 for no kind)
                }
                // One mapping for every declared kind; HEAD on a list is its count (HeadCounts).
                for (ResourceKind kind : ResourceKinds.API) {
                  String served = full.replaceFirst("\\{}/\\{}", kind.path());
                  operations.add(verb.name() + " " + served);
                  if (!served.endsWith("{}")) {
                    operations.add("HEAD " + served);
                  }
                }
                continue;
              }
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
