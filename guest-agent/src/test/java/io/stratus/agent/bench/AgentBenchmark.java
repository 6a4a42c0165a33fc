package io.stratus.agent.bench;

import io.stratus.agent.AgentClient;
import io.stratus.agent.AgentProcess;
import io.stratus.agent.FakeDispatcher;
import io.stratus.agent.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The agent's start-up time and resident memory (docs/guest-agent.md, "Start-up and memory"). For
 * each round it starts the agent through its launcher on a fresh home (first boot: user data, key
 * pair, certificate request, handshake with a stand-in Dispatcher) and again on the same home (a
 * restart: the stored identity), timing process start until {@code GET /status} answers 200 over
 * mutual TLS; then makes a few requests of each kind and reads the JVM's VmRSS and VmHWM.
 * Arguments: rounds (default 5), then extra JVM options for the agent (as STRATUS_AGENT_OPTS).
 */
public final class AgentBenchmark {
  private AgentBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String opts = args.length > 1 ? String.join(" ", List.of(args).subList(1, args.length)) : "";
    TestPki pki = TestPki.create("bench");
    SSLContext dispatcherTls = pki.context("dispatcher");
    List<Long> firstBoot = new ArrayList<>();
    List<Long> restart = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    List<Long> hwm = new ArrayList<>();
    try (FakeDispatcher dispatcher = new FakeDispatcher(pki)) {
      for (int round = 1; round <= rounds; round++) {
        Path userData = Files.createTempFile("bench-user-data-", ".properties");
        Files.writeString(userData, dispatcher.userData(round, dispatcher.token(round)));
        long start = System.nanoTime();
        AgentProcess agent =
            AgentProcess.builder()
                .set("user-data.file", userData.toString())
                .env("STRATUS_AGENT_OPTS", opts)
                .start();
        try {
          AgentClient client = new AgentClient(agent, dispatcherTls);
          firstBoot.add(untilAnswering(agent, client, start));
          agent.stop();
          start = System.nanoTime();
          agent.restart();
          client = new AgentClient(agent, dispatcherTls);
          restart.add(untilAnswering(agent, client, start));
          for (int i = 0; i < 20; i++) {
            client.get("/status");
            client.get("/sample");
            client.get("/logs/agent?limit=4096");
          }
          for (int i = 0; i < 5; i++) {
            client.post("/scripts/scaleCheck", "{}");
          }
          Thread.sleep(500);
          rss.add(kib(agent, "VmRSS:"));
          hwm.add(kib(agent, "VmHWM:"));
          System.out.printf(
              "round %d: first boot %d ms, restart %d ms, VmRSS %d KiB, VmHWM %d KiB%n",
              round,
              firstBoot.get(round - 1),
              restart.get(round - 1),
              rss.get(round - 1),
              hwm.get(round - 1));
        } finally {
          agent.close();
        }
      }
    }
    System.out.printf(
        "median of %d: first boot %d ms, restart %d ms, VmRSS %d KiB, VmHWM %d KiB%n",
        rounds, median(firstBoot), median(restart), median(rss), median(hwm));
  }

  private static long untilAnswering(AgentProcess agent, AgentClient client, long start)
      throws Exception {
    while (true) {
      if (agent.isListening()) {
        try {
          if (client.get("/status").status() == 200) {
            return (System.nanoTime() - start) / 1_000_000;
          }
        } catch (java.io.IOException e) {
          // not yet
        }
      }
      if (!agent.isAlive()) {
        throw new IllegalStateException("the agent ended:\n" + agent.console());
      }
      Thread.sleep(5);
    }
  }

  private static long kib(AgentProcess agent, String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(agent.pid()), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
