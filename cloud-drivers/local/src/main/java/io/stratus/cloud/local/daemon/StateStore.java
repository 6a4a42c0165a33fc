package io.stratus.cloud.local.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes region state atomically: to a temporary file, forced to disk, then renamed over the old
 * one, so a crash leaves either the old or the new state, never half of one. The files are
 * owner-only ({@link OwnerOnly}): they hold VMs' user data and metadata tokens.
 */
final class StateStore {
  private final Path dir;
  private final ObjectMapper mapper =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  StateStore(Path dataDir) throws IOException {
    this.dir = OwnerOnly.directory(dataDir.resolve("regions"));
    OwnerOnly.narrow(dir, 1);
  }

  RegionState load(String region) throws IOException {
    Path file = dir.resolve(region + ".json");
    if (!Files.exists(file)) {
      RegionState state = new RegionState();
      state.region = region;
      return state;
    }
    return mapper.readValue(file.toFile(), RegionState.class);
  }

  void save(RegionState state) throws IOException {
    write(state.region, serialize(state));
  }

  byte[] serialize(RegionState state) throws IOException {
    return mapper.writeValueAsBytes(state);
  }

  void write(String region, byte[] json) throws IOException {
    Path file = dir.resolve(region + ".json");
    Path tmp = dir.resolve(region + ".json.tmp");
    // Created owner-only (it holds user data and tokens), never reused with another mode.
    Files.deleteIfExists(tmp);
    try (OutputStream out = Files.newOutputStream(OwnerOnly.newFile(tmp))) {
      out.write(json);
    }
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
