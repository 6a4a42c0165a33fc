package io.stratus.api.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An answer written straight as JSON tokens (no maps, no tree) into a buffer, then sent whole with
 * its length: for large lists, where building per-row maps for Spring's converter costs more than
 * the query. Nothing reaches the response until {@link #send}, so an error while reading the rows
 * still becomes an ordinary error answer, and headers that depend on the rows (the last-page flag)
 * can still be set. The output is what Spring's Jackson converter writes for the same maps: same
 * field order, nulls where the maps held nulls, the same escaping (one Jackson generator).
 */
public final class JsonBody implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int KEEP = 256 * 1024;
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final Buffer buffer;
  private final JsonGenerator json;

  private JsonBody(Buffer buffer) throws IOException {
    this.buffer = buffer;
    this.json = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
  }

  /** A body to write; {@link #close} it (or {@link #send} it) on the same thread. */
  public static JsonBody start() {
    Buffer buffer = BUFFERS.get();
    buffer.reset();
    try {
      return new JsonBody(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonGenerator json() {
    return json;
  }

  /** Finishes the document and writes it as the response's body, {@code application/json}. */
  public void send(HttpServletResponse response) throws IOException {
    json.close();
    response.setContentType("application/json");
    response.setContentLength(buffer.size());
    buffer.writeTo(response.getOutputStream());
  }

  @Override
  public void close() {
    try {
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (buffer.capacity() > KEEP) {
      BUFFERS.remove();
    }
  }

  /** A growable byte buffer, kept per thread between requests (unless it grew large). */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(96 * 1024);
    }

    int capacity() {
      return buf.length;
    }
  }
}
