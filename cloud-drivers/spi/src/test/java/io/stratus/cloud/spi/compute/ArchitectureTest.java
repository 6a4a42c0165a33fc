package io.stratus.cloud.spi.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void shouldNameTheMachinesCloudsAndJavaReportAsEnStratusDid() {
    assertEquals(Optional.of(Architecture.I64), Architecture.ofMachine("x86_64"));
    assertEquals(Optional.of(Architecture.I64), Architecture.ofMachine("amd64"));
    assertEquals(Optional.of(Architecture.I32), Architecture.ofMachine("i686"));
    assertEquals(Optional.of(Architecture.ARM64), Architecture.ofMachine(" AArch64 "));
    assertEquals(Optional.of(Architecture.ARM32), Architecture.ofMachine("armv7l"));
    assertEquals(Optional.of(Architecture.POWER64), Architecture.ofMachine("ppc64le"));
  }

  @Test
  void shouldReportNothingRatherThanGuess() {
    assertEquals(Optional.empty(), Architecture.ofMachine(null));
    assertEquals(Optional.empty(), Architecture.ofMachine(""));
    assertEquals(Optional.empty(), Architecture.ofMachine("s390x"));
    assertEquals(Optional.empty(), Architecture.ofMachine("riscv64"));
  }
}
