package io.stratus.agent.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemInfoTest {
  @Test
  void shouldReadUptimeLoadAndMemory() {
    assertEquals(12345, SystemInfo.uptimeSeconds("12345.67 54321.00\n"));
    assertEquals(List.of(0.5, 1.25, 2.0), SystemInfo.load("0.50 1.25 2.00 1/234 5678\n"));
    assertArrayEquals(
        new long[] {2048L * 1024, 1024L * 1024},
        SystemInfo.memory("MemTotal:  2048 kB\nMemFree:  512 kB\nMemAvailable:  1024 kB\n"));
    // Kernels without MemAvailable: free + buffers + cached.
    assertArrayEquals(
        new long[] {2048L * 1024, 700L * 1024},
        SystemInfo.memory("MemTotal: 2048 kB\nMemFree: 500 kB\nBuffers: 100 kB\nCached: 100 kB\n"));
  }

  @Test
  void shouldListRootThenOneMountPointPerRealDevice() {
    String mounts =
        """
        overlay / overlay rw 0 0
        proc /proc proc rw 0 0
        /dev/vdb /data ext4 rw 0 0
        /dev/vdb /data/again ext4 rw 0 0
        /dev/loop3 /snap/core squashfs ro 0 0
        tmpfs /run tmpfs rw 0 0
        /dev/vdc /mnt/with\\040space xfs rw 0 0
        """;
    assertEquals(List.of("/", "/data", "/mnt/with space"), SystemInfo.mountPoints(mounts));
  }

  @Test
  void shouldComputeCpuUseFromStatDeltas() {
    SystemInfo.CpuTimes before = SystemInfo.cpu("cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1\n", 0);
    SystemInfo.CpuTimes after = SystemInfo.cpu("cpu  200 0 150 850 100 0 0 0 0 0\n", 1);
    // 150 busy of 300 ticks.
    assertEquals(50.0, SystemInfo.cpuPercent(before, after), 0.001);
    assertEquals(0.0, SystemInfo.cpuPercent(after, after), 0.001);
  }
}
