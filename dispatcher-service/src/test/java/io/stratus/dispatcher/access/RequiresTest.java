package io.stratus.dispatcher.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The one mapping from Dispatcher routes to rights is complete: no user route goes unchecked. */
class RequiresTest {

  @Test
  void everyRouteThatActsForAUserDeclaresItsRight() throws Exception {
    List<String> missing = new ArrayList<>();
    List<String> ownedWithoutId = new ArrayList<>();
    int routes = 0;
    for (Method method : routes()) {
      if (Arrays.stream(method.getParameterTypes()).noneMatch(t -> t == Actor.class)) {
        continue;
      }
      routes++;
      Requires requires = method.getAnnotation(Requires.class);
      if (requires == null) {
        missing.add(method.toString());
      } else if (requires.owned() && !takesId(method)) {
        ownedWithoutId.add(method.toString());
      }
    }
    assertTrue(routes >= 25, "found only " + routes + " routes");
    assertEquals(List.of(), missing, "routes without @Requires");
    assertEquals(List.of(), ownedWithoutId, "owned routes without an {id}");
  }

  private static boolean takesId(Method method) {
    return Arrays.stream(method.getParameters())
        .anyMatch(
            p -> {
              PathVariable v = p.getAnnotation(PathVariable.class);
              return v != null && (v.value().equals("id") || p.getName().equals("id"));
            });
  }

  private static List<Method> routes() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    List<Method> methods = new ArrayList<>();
    for (var candidate : scanner.findCandidateComponents("io.stratus.dispatcher")) {
      for (Method m : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
        if (AnnotatedElementUtils.hasAnnotation(m, RequestMapping.class)) {
          methods.add(m);
        }
      }
    }
    return methods;
  }
}
