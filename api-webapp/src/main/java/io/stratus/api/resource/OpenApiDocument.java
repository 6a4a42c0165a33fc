package io.stratus.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.Api;
import io.stratus.common.resource.Filter;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.ResourceKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The API's OpenAPI document: the list, get and HEAD of every declared kind ({@link
 * ResourceKinds#API}) made from its declaration (its filters as query parameters, its id field as
 * the path parameter), merged with the hand-written entries of everything else, actions included,
 * in {@code openapi-actions.json}.
 */
public final class OpenApiDocument {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACTIONS = "/openapi-actions.json";

  private OpenApiDocument() {}

  /** The whole document, as served. */
  public static byte[] bytes() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole document. */
  public static ObjectNode build() {
    ObjectNode doc;
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(ACTIONS)) {
      if (in == null) {
        throw new IllegalStateException(ACTIONS + " is missing from the build");
      }
      doc = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode written = (ObjectNode) doc.get("paths");
    ObjectNode paths = JSON.createObjectNode();
    for (ResourceKind kind : ResourceKinds.API) {
      String list = Api.BASE + "/" + kind.path();
      String one = list + "/{" + kind.id().json() + "}";
      ObjectNode listOps = paths.putObject(list);
      listOps.set("get", listing(kind, "list " + kind.collection() + ", a page at a time"));
      listOps.set("head", count(kind));
      ObjectNode oneOps = paths.putObject(one);
      oneOps.set("get", single(kind));
      merge(listOps, written.remove(list));
      merge(oneOps, written.remove(one));
    }
    Iterator<Map.Entry<String, JsonNode>> rest = written.fields();
    while (rest.hasNext()) {
      Map.Entry<String, JsonNode> path = rest.next();
      paths.set(path.getKey(), path.getValue());
    }
    doc.set("paths", paths);
    return doc;
  }

  private static void merge(ObjectNode generated, JsonNode written) {
    if (written == null) {
      return;
    }
    written.fields().forEachRemaining(op -> generated.set(op.getKey(), op.getValue()));
  }

  private static ObjectNode listing(ResourceKind kind, String summary) {
    ObjectNode op = operation(summary, "a page of " + kind.collection());
    ArrayNode params = op.putArray("parameters");
    ObjectNode pagination = params.addObject();
    pagination.put("name", "requestPaginationId").put("in", "query");
    pagination.putObject("schema").put("type", "string");
    pagination.put("description", "the x-es-pagination of the first page");
    ObjectNode page = params.addObject();
    page.put("name", "requestPage").put("in", "query");
    page.putObject("schema").put("type", "integer").put("minimum", 1);
    params.addObject().put("$ref", "#/components/parameters/details");
    for (Filter f : kind.filters()) {
      ObjectNode filter = params.addObject();
      filter.put("name", f.param()).put("in", "query");
      filter.putObject("schema").put("type", f.type() == Filter.Type.ID ? "integer" : "string");
      filter.put(
          "description",
          switch (f.type()) {
            case ID -> "only those of this " + f.label().toLowerCase(java.util.Locale.ROOT);
            case TEXT -> "only those whose " + f.param() + " contains this, ignoring case";
            case VALUE -> "only those whose " + f.param() + " is this (as stored)";
          });
    }
    return op;
  }

  private static ObjectNode count(ResourceKind kind) {
    ObjectNode op = listing(kind, "count " + kind.collection() + " (x-es-count), with no body");
    ObjectNode success = (ObjectNode) op.path("responses").path("200");
    success.remove("content");
    success.putObject("headers").putObject("x-es-count").putObject("schema").put("type", "integer");
    return op;
  }

  private static ObjectNode single(ResourceKind kind) {
    ObjectNode op = operation("one of the " + kind.collection(), "a list of one");
    ArrayNode params = op.putArray("parameters");
    ObjectNode id = params.addObject();
    id.put("name", kind.id().json()).put("in", "path").put("required", true);
    id.putObject("schema").put("type", "string");
    params.addObject().put("$ref", "#/components/parameters/details");
    return op;
  }

  private static ObjectNode operation(String summary, String answer) {
    ObjectNode op = JSON.createObjectNode();
    op.put("summary", summary);
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", answer);
    ok.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
    ObjectNode error = responses.putObject("default");
    error.put("description", "an error");
    error
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/Error");
    ArrayNode security = op.putArray("security");
    ObjectNode scheme = security.addObject();
    scheme.putArray("esauthAccess");
    scheme.putArray("esauthTimestamp");
    scheme.putArray("esauthSignature");
    return op;
  }
}
