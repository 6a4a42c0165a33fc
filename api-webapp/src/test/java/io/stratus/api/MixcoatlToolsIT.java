package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Mixcoatl;
import io.stratus.api.support.SeededCustomer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compatibility suite: every one of mixcoatl's {@code dcm-*} tools, unchanged, run against one
 * whole platform whose customer holds one of everything Stratus serves, and compared with {@code
 * enstratus-clients/tools.tsv}, which says per tool what it does today: {@code works} (exit 0, no
 * traceback, the seeded resource in its output, and for a write tool its effect in the database),
 * {@code not-served} (the resource is not in Stratus yet) or {@code fails} (a field the tool reads
 * is missing), each with the exit code and message it gives. Every run is written to {@code
 * target/mixcoatl-tools.txt}. Skipped, saying why, where Python 2.7 or mixcoatl is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixcoatlToolsIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(90);
  private static final Duration EFFECT_LIMIT = Duration.ofSeconds(20);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

  /** One line of tools.tsv. */
  record Expectation(
      String tool,
      String args,
      String expected,
      int exit,
      String shows,
      String effect,
      String why) {
    static Expectation parse(String line) {
      String[] cells = line.split("\t", -1);
      if (cells.length != 7) {
        throw new IllegalArgumentException("tools.tsv: 7 cells expected in: " + line);
      }
      if (!Set.of("works", "not-served", "fails").contains(cells[2])) {
        throw new IllegalArgumentException("tools.tsv: unknown expectation in: " + line);
      }
      return new Expectation(
          cells[0], cells[1], cells[2], Integer.parseInt(cells[3]), cells[4], cells[5], cells[6]);
    }
  }

  private ApiFixture fixture;
  private Mixcoatl mixcoatl;
  private Map<String, String> placeholders;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Mixcoatl.missing().isEmpty(), () -> Mixcoatl.missing().orElse(""));
    fixture =
        ApiFixture.withPlatform(
            "mixcoatl-tools",
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=0s\n");
    Customer acme = fixture.newCustomer("acme");
    mixcoatl =
        Mixcoatl.against(
            fixture.port(),
            fixture.km().pki().resolve("ca.crt"),
            acme.accessKey(),
            acme.secretKey());
    SeededCustomer seeded = SeededCustomer.seed(fixture, fixture.client(acme), JOB_LIMIT);
    placeholders = new HashMap<>(seeded.placeholders());
    placeholders.put(
        "bodies",
        Path.of(MixcoatlToolsIT.class.getResource("/enstratus-clients/bodies").toURI()).toString());
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldListEveryPublishedToolOnce() throws IOException {
    Set<String> published;
    try (Stream<Path> bin = Files.list(Mixcoatl.tools())) {
      published =
          bin.map(p -> p.getFileName().toString())
              .filter(name -> name.startsWith("dcm-"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    List<String> listed = expectations().stream().map(Expectation::tool).toList();
    assertEquals(published, new TreeSet<>(listed), "tools.tsv lists each published tool");
    assertEquals(listed.size(), Set.copyOf(listed).size(), "tools.tsv lists a tool twice");
  }

  @Test
  void shouldBeTheTableDocsApiShows() throws IOException {
    List<String> docs = Files.readAllLines(Path.of("..", "docs", "api.md"));
    for (Expectation row : expectations()) {
      String shown =
          "| `"
              + row.tool()
              + "` | "
              + (row.args().isEmpty() ? " " : "`" + row.args() + "` ")
              + "| "
              + row.expected().replace('-', ' ')
              + " (exit "
              + row.exit()
              + ") |";
      assertTrue(
          docs.stream().anyMatch(line -> line.startsWith(shown)),
          "docs/api.md has no line starting " + shown + " (copy tools.tsv into its table)");
    }
  }

  @Test
  void shouldBehaveAsTheTableSays() throws Exception {
    Path written = Path.of("target", "mixcoatl-tools.txt");
    Files.createDirectories(written.getParent());
    Files.writeString(written, "");
    List<String> problems = new ArrayList<>();
    for (Expectation row : expectations()) {
      List<String> args =
          row.args().isEmpty()
              ? List.of()
              : Arrays.stream(row.args().split(" ")).map(this::fill).toList();
      Mixcoatl.Run run = mixcoatl.tool(row.tool(), args.toArray(String[]::new));
      String problem = judge(row, run);
      Files.writeString(
          written,
          "### " + row.tool() + " " + args + " (" + row.expected() + ")\n" + run + "\n\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      if (problem != null) {
        problems.add(row.tool() + " " + args + ": " + problem + "\n" + run);
      }
    }
    assertTrue(
        problems.isEmpty(),
        problems.size() + " tools differ from tools.tsv:\n\n" + String.join("\n\n", problems));
  }

  private String judge(Expectation row, Mixcoatl.Run run) throws InterruptedException {
    String text = run.out() + run.err();
    String shows = fill(row.shows()).replace("\\t", "\t");
    if (run.code() != row.exit()) {
      return "exit " + run.code() + ", the table says " + row.exit();
    }
    if (!text.contains(shows)) {
      return "the output lacks \"" + shows + "\"";
    }
    if (!row.expected().equals("works")) {
      return null;
    }
    if (text.contains("Traceback")) {
      return "a traceback";
    }
    if (!row.effect().isEmpty() && !effectSeen(fill(row.effect()))) {
      return "no effect within " + EFFECT_LIMIT + ": " + fill(row.effect());
    }
    return null;
  }

  /** Polls {@code countQuery} until it counts a row: the effect of a write, or its job's. */
  private boolean effectSeen(String countQuery) throws InterruptedException {
    Instant until = Instant.now().plus(EFFECT_LIMIT);
    do {
      if (fixture.jdbc().sql(countQuery).query(Long.class).single() > 0) {
        return true;
      }
      Thread.sleep(500);
    } while (Instant.now().isBefore(until));
    return false;
  }

  private String fill(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (m.find()) {
      String value = placeholders.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("tools.tsv: nothing seeded as " + m.group());
      }
      m.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return m.appendTail(filled).toString();
  }

  private static List<Expectation> expectations() throws IOException {
    try (InputStream in =
        MixcoatlToolsIT.class.getResourceAsStream("/enstratus-clients/tools.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(Expectation::parse)
          .toList();
    }
  }
}
