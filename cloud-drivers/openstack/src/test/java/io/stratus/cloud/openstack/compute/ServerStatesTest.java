package io.stratus.cloud.openstack.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratus.cloud.spi.compute.VmState;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServerStatesTest {
  @Test
  void shouldReadNovaStatusAndTaskState() {
    assertEquals(VmState.PENDING, ServerStates.of("BUILD", "spawning"));
    assertEquals(VmState.RUNNING, ServerStates.of("ACTIVE", null));
    assertEquals(VmState.STOPPING, ServerStates.of("ACTIVE", "powering-off"));
    assertEquals(VmState.STOPPED, ServerStates.of("SHUTOFF", null));
    assertEquals(VmState.PENDING, ServerStates.of("SHUTOFF", "powering-on"));
    assertEquals(VmState.REBOOTING, ServerStates.of("REBOOT", "reboot_started"));
    assertEquals(VmState.REBOOTING, ServerStates.of("ACTIVE", "rebooting"));
    assertEquals(VmState.TERMINATED, ServerStates.of("ACTIVE", "deleting"));
    assertEquals(VmState.TERMINATED, ServerStates.of("DELETED", null));
    assertEquals(VmState.STOPPED, ServerStates.of("ERROR", null));
  }

  @Test
  void shouldQuoteANameIntoARegularExpressionThatMatchesOnlyIt() {
    String name = "web.1+(a)[b]*?^$|\\x";
    String quoted = NovaVirtualMachineSupport.regexQuote(name);
    assertEquals(true, Pattern.compile("^" + quoted + "$").matcher(name).matches());
    assertEquals(
        false, Pattern.compile("^" + quoted + "$").matcher("webx1+(a)[b]*?^$|\\x").matches());
  }

  @Test
  void shouldNegotiateTheLowerOfWhatBothSpeak() {
    assertEquals("2.46", Microversion.NEWEST.toString());
    assertEquals(new Microversion(2, 93), Microversion.parse("2.93"));
    assertEquals(Microversion.BASE, Microversion.parse(""));
    assertEquals(true, new Microversion(2, 46).atLeast(2, 37));
    assertEquals(false, new Microversion(2, 36).atLeast(2, 37));
  }
}
