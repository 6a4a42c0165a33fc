package io.stratus.api.web;

import io.stratus.api.Api;
import io.stratus.api.resource.OpenApiDocument;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public, unsigned paths: {@code GET /api/enstratus} (the versions this API speaks) and the
 * OpenAPI document of the whole API ({@link OpenApiDocument}).
 */
@RestController
public class VersionsController {
  public static final String OPENAPI = Api.BASE + "/openapi.json";
  private final byte[] openApi;

  public VersionsController() {
    openApi = OpenApiDocument.bytes();
  }

  /**
   * The dialect's versions document, which enStratus clients read to pick a version: {@code
   * {"current":{"versionId":"2013-03-13"},"supported":[{"versionId":"2013-03-13"},
   * {"versionId":"2012-06-15"},{"versionId":"2012-02-29"}]}}.
   */
  @GetMapping({Api.ROOT, Api.ROOT + "/"})
  public Map<String, Object> versions() {
    return Json.object(
        "current",
        Map.of("versionId", Api.VERSION),
        "supported",
        Stream.concat(Stream.of(Api.VERSION), VersionAliases.OLDER.stream())
            .map(version -> Map.of("versionId", version))
            .toList());
  }

  @GetMapping(OPENAPI)
  public ResponseEntity<byte[]> openApi() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(openApi);
  }
}
