package io.stratus.km.key;

import io.stratus.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KM's web service:
 *
 * <ul>
 *   <li>{@code POST /keys} {@code {"version","publicPart","privatePart"}} → 201 {@code {"keyId"}}
 *   <li>{@code GET /keys/{id}} → 200 {@code {"keyId","version","publicPart","privatePart"}}
 *   <li>{@code PUT /keys/{id}} (same body as POST) → 204
 *   <li>{@code DELETE /keys/{id}} → 204
 * </ul>
 *
 * Errors are {@code {"error":{"message":"..."}}}: 400 malformed, 403 a component other than the
 * Dispatcher or a worker, 404 unknown id, 413 too large, 415 not JSON, 503 database down.
 */
@RestController
@RequestMapping("/keys")
public class KeyController {
  private final KeyService keys;

  public KeyController(KeyService keys) {
    this.keys = keys;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Long>> create(
      @RequestBody KeyRequest request, HttpServletRequest http) {
    long id = keys.create(request, Caller.of(http));
    return ResponseEntity.created(URI.create("/keys/" + id)).body(Map.of("keyId", id));
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public StoredKey fetch(@PathVariable("id") long id, HttpServletRequest http) {
    return keys.fetch(id, Caller.of(http));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Void> replace(
      @PathVariable("id") long id, @RequestBody KeyRequest request, HttpServletRequest http) {
    keys.replace(id, request, Caller.of(http));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable("id") long id, HttpServletRequest http) {
    keys.delete(id, Caller.of(http));
    return ResponseEntity.noContent().build();
  }
}
