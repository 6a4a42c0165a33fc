package io.stratus.cloud.local.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's own records, as kept on disk. Mutable and public-field on purpose: they are the
 * daemon's state, changed only under {@link CloudState}'s lock and written whole to {@code
 * state.json}.
 */
final class Records {
  private Records() {}

  /** A virtual machine. */
  static final class Vm {
    public String id;
    public String region;
    public String dataCenter;
    public String name;
    public String imageId;
    public String productId;
    public String state;
    public String stateReason;
    public String address;
    public String publicAddress;
    public String clientToken;
    public String userData;
    public String metadataToken;
    public List<String> firewallIds = new ArrayList<>();
    public long createdAt;
    public boolean simulated;
    public long bootAt;
    public long terminatedAt;
    public long pid;
    public long pidStartTicks;
  }

  /** A machine image: a command to run, how to tell it is up, where it came from. */
  static final class Image {
    public String id;
    public String region;
    public String name;
    public String description;
    public List<String> command = new ArrayList<>();
    public String readiness;
    public boolean builtin;

    /** Runs the guest agent ({@code agent.command}) rather than {@link #command}. */
    public boolean agent;

    public String sourceVmId;
    public String state;
  }

  /** A volume: a sparse file under {@code volumes/}. */
  static final class Volume {
    public String id;
    public String region;
    public String dataCenter;
    public String name;
    public int sizeGb;
    public String state;
    public String vmId;
    public String device;
    public String fromSnapshotId;
  }

  /** A snapshot: a copy of a volume's file under {@code snapshots/}. */
  static final class Snapshot {
    public String id;
    public String region;
    public String volumeId;
    public String name;
    public int sizeGb;
    public String state;
  }

  /** An address from 127.43.0.0/16. */
  static final class Ip {
    public String id;
    public String region;
    public String address;
    public String state;
    public String vmId;
  }

  /** A firewall and its rules (recorded, not enforced on loopback). */
  static final class Firewall {
    public String id;
    public String region;
    public String name;
    public String description;
    public List<Rule> rules = new ArrayList<>();
  }

  /** One firewall rule. */
  static final class Rule {
    public String id;
    public String direction;
    public String protocol;
    public int fromPort;
    public int toPort;
    public String cidr;
  }
}
