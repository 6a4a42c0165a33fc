package io.stratus.cloud.local.vm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * What the local cloud's built-in {@code img-http} image runs inside a VM: a tiny HTTP service on
 * the VM's own address (port 8080) that answers {@code GET /} with the VM's id. Started by the
 * daemon with {@code STRATUS_VM_ID} and {@code STRATUS_VM_ADDRESS} in its environment; ends on
 * SIGTERM.
 */
public final class VmHttpService {
  /** The port every VM's service listens on, on its own address. */
  public static final int PORT = 8080;

  private VmHttpService() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String id = System.getenv().getOrDefault("STRATUS_VM_ID", "unknown");
    String address = System.getenv().getOrDefault("STRATUS_VM_ADDRESS", "127.0.0.1");
    HttpServer server = HttpServer.create(new InetSocketAddress(address, PORT), 16);
    byte[] body = ("vm " + id + " ok\n").getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  stopped.countDown();
                }));
    stopped.await();
  }
}
