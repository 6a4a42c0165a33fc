package io.stratus.api.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Details;
import io.stratus.api.web.HeadCounts;
import io.stratus.api.web.Json;
import io.stratus.api.web.JsonBody;
import io.stratus.api.web.PageRequest;
import io.stratus.api.web.UnknownParameters;
import io.stratus.common.access.Access;
import io.stratus.common.resource.DetailLevel;
import io.stratus.common.resource.Filter;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.ResourceKinds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET (list, a page at a time), GET by id and HEAD ({@code x-es-count}) of every kind the API
 * serves ({@link ResourceKinds#API}), at {@code <family>/<Name>} and {@code <family>/<Name>/<id>},
 * read from its declaration: the right that reads it, its filters (its only query parameters
 * besides paging), its fields at the {@code x-es-details} level asked for. Rows are written
 * straight from the result set ({@link KindWriter}). A kind's actions (POST, PUT, DELETE) stay in
 * its own controller.
 */
@RestController
public class KindController implements UnknownParameters.Declared {
  static final String LIST = Api.BASE + "/{family}/{name}";
  static final String ONE = Api.BASE + "/{family}/{name}/{id}";
  private static final String PAGINATION_ID = "requestPaginationId";
  private static final String PAGE = "requestPage";

  private final KindReads reads;
  private final int pageSize;
  private final Set<String> handWritten;
  private final Map<ResourceKind, Map<DetailLevel, KindWriter>> writers = new HashMap<>();

  /**
   * @param handWritten the paths other controllers serve (e.g. {@code .../admin/Job})
   */
  public KindController(KindReads reads, int pageSize, Set<String> handWritten) {
    this.reads = reads;
    this.pageSize = pageSize;
    this.handWritten = Set.copyOf(handWritten);
    for (ResourceKind kind : ResourceKinds.API) {
      Map<DetailLevel, KindWriter> levels = new EnumMap<>(DetailLevel.class);
      for (DetailLevel level : DetailLevel.values()) {
        levels.put(level, new KindWriter(kind, level));
      }
      writers.put(kind, levels);
    }
  }

  /** Every row of the kind the caller may read, a page at a time, oldest first. */
  @GetMapping(LIST)
  public void list(
      Access access,
      @PathVariable String family,
      @PathVariable String name,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    ResourceKind kind = kind(family, name);
    KindWriter writer = writer(kind, request);
    PageRequest paging =
        PageRequest.of(request.getParameter(PAGINATION_ID), request.getParameter(PAGE), pageSize);
    Map<Filter, String> filters = new LinkedHashMap<>();
    for (Filter f : kind.filters()) {
      String value = request.getParameter(f.param());
      if (value != null) {
        filters.put(f, value);
      }
    }
    KindReads.Listing listing = reads.listing(kind, access, filters, paging.snapshot());
    if (HeadCounts.countOnly(request)) {
      long count = reads.count(listing);
      response.setHeader(HeadCounts.HEADER, Long.toString(count));
      paging.headers(listing.snapshot(), count <= paging.offset() + paging.size(), response);
      return;
    }
    try (JsonBody body = JsonBody.start()) {
      long next = envelope(writer, body.json(), json -> reads.page(listing, paging, writer, json));
      paging.headers(listing.snapshot(), next == 0, response);
      body.send(response);
    }
  }

  /** One row, as the list shows it, in a list of one. */
  @GetMapping(ONE)
  public void get(
      Access access,
      @PathVariable String family,
      @PathVariable String name,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    ResourceKind kind = kind(family, name);
    KindWriter writer = writer(kind, request);
    long rowId = Json.pathId(id, kind.id().json());
    try (JsonBody body = JsonBody.start()) {
      envelope(
          writer,
          body.json(),
          json -> {
            reads.one(access, rowId, writer, json);
            return 0;
          });
      body.send(response);
    }
  }

  /**
   * Any other method at a kind's paths: 405 as Spring answers a method a path does not take (a
   * declared kind's, or one a hand-written controller serves), or 404 for a path nothing serves, as
   * for any unknown path (without this, the GET mappings' patterns would make every unknown path a
   * 405 to a write). A kind's own actions are mapped at literal paths in its controller, which
   * Spring prefers to these patterns.
   */
  @RequestMapping(
      path = {LIST, ONE},
      method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH})
  public void otherMethod(
      @PathVariable String family, @PathVariable String name, HttpServletRequest request)
      throws HttpRequestMethodNotSupportedException {
    if (!handWritten.contains(Api.BASE + "/" + family + "/" + name)) {
      kind(family, name);
    }
    throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("GET", "HEAD"));
  }

  /** Writes the elements of an answer. */
  private interface Elements {
    long write(JsonGenerator json) throws IOException;
  }

  /** {@code {"<collection>":[<elements>]}}; returns what writing the elements returned. */
  private static long envelope(KindWriter writer, JsonGenerator json, Elements elements)
      throws IOException {
    json.writeStartObject();
    json.writeFieldName(writer.collection());
    json.writeStartArray();
    long result = elements.write(json);
    json.writeEndArray();
    json.writeEndObject();
    return result;
  }

  /** A list takes its kind's filters and the paging parameters; a single read takes none. */
  @Override
  public Set<String> parameters(HttpServletRequest request, Map<String, String> path) {
    ResourceKind kind = ResourceKinds.served(path.get("family"), path.get("name")).orElse(null);
    if (kind == null || path.containsKey("id")) {
      return Set.of();
    }
    Set<String> known = new HashSet<>(List.of(PAGINATION_ID, PAGE));
    kind.filters().forEach(f -> known.add(f.param()));
    return known;
  }

  private KindWriter writer(ResourceKind kind, HttpServletRequest request) {
    return writers.get(kind).get(DetailLevel.valueOf(Details.of(request).name()));
  }

  /** The kind served at the path; an unknown one is the same 404 as any unknown path. */
  private static ResourceKind kind(String family, String name) {
    return ResourceKinds.served(family, name)
        .orElseThrow(() -> new ApiException(404, "no such path"));
  }
}
