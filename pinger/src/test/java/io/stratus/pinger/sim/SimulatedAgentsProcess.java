package io.stratus.pinger.sim;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Simulated agents in a process of their own, so a benchmark measures the pinger's process alone
 * and each process stays within its open-file limit (one listening socket and one kept connection
 * per agent).
 *
 * <p>Arguments: the PKI directory ({@link TestPki#create}), how many agents, the third octet of the
 * first address, and a file to which it writes one line per agent: {@code address port
 * fingerprint}. Prints {@code READY} when all listen, then reads commands on standard input: {@code
 * stop N} (the first N agents stop answering; prints {@code STOPPED}), {@code answer} (all answer
 * again; prints {@code ANSWERING}); it exits at the end of its input.
 */
public final class SimulatedAgentsProcess {
  private SimulatedAgentsProcess() {}

  public static void main(String[] args) throws Exception {
    TestPki pki = TestPki.open(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    int firstSubnet = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    try (SimulatedAgents agents = new SimulatedAgents(pki, 1, firstSubnet)) {
      List<SimulatedAgent> all = agents.add(count);
      try (PrintWriter lines =
          new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII))) {
        for (SimulatedAgent agent : all) {
          lines.println(
              agent.address() + " " + agent.port() + " " + agent.identity().fingerprint());
        }
      }
      System.out.println("READY");
      System.out.flush();
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
      String command;
      while ((command = commands.readLine()) != null) {
        if (command.startsWith("stop ")) {
          int n = Integer.parseInt(command.substring(5).trim());
          all.subList(0, Math.min(n, all.size())).forEach(SimulatedAgent::stopAnswering);
          System.out.println("STOPPED");
        } else if (command.equals("answer")) {
          all.forEach(SimulatedAgent::answer);
          System.out.println("ANSWERING");
        }
        System.out.flush();
      }
      System.err.println("agent-side failures: " + agents.failures());
    }
  }
}
