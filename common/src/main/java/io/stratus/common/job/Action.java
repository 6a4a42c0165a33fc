package io.stratus.common.job;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every action the Dispatcher turns into a job. Its {@link #kind()} names the task a worker runs
 * (the subscriber has one handler per kind); its {@link #resourceType()} is what the job is about.
 */
public enum Action {
  ACCOUNT_REGISTER("account.register", "cloud_account"),
  /** Tests an account's connection again and re-discovers its regions (the registration task). */
  ACCOUNT_TEST("account.test", "cloud_account"),
  SERVER_LAUNCH("server.launch", "server"),
  SERVER_START("server.start", "server"),
  SERVER_STOP("server.stop", "server"),
  SERVER_REBOOT("server.reboot", "server"),
  SERVER_TERMINATE("server.terminate", "server"),
  SERVER_RUN_SCRIPT("server.script", "server"),
  IMAGE_CAPTURE("image.capture", "machine_image"),
  IMAGE_REMOVE("image.remove", "machine_image"),
  VOLUME_CREATE("volume.create", "volume"),
  VOLUME_ATTACH("volume.attach", "volume"),
  VOLUME_DETACH("volume.detach", "volume"),
  VOLUME_REMOVE("volume.remove", "volume"),
  SNAPSHOT_CREATE("snapshot.create", "snapshot"),
  SNAPSHOT_REMOVE("snapshot.remove", "snapshot"),
  IP_REQUEST("ip.request", "ip_address"),
  IP_ASSIGN("ip.assign", "ip_address"),
  IP_UNASSIGN("ip.unassign", "ip_address"),
  IP_RELEASE("ip.release", "ip_address"),
  FIREWALL_CREATE("firewall.create", "firewall"),
  FIREWALL_AUTHORIZE("firewall.authorize", "firewall"),
  FIREWALL_REVOKE("firewall.revoke", "firewall"),
  FIREWALL_REMOVE("firewall.remove", "firewall");

  private final String kind;
  private final String resourceType;

  Action(String kind, String resourceType) {
    this.kind = kind;
    this.resourceType = resourceType;
  }

  /** The task kind, e.g. {@code server.launch}. */
  public String kind() {
    return kind;
  }

  /** The table of the resource the job is about, e.g. {@code server}. */
  public String resourceType() {
    return resourceType;
  }

  public static Optional<Action> ofKind(String kind) {
    return Arrays.stream(values()).filter(a -> a.kind.equals(kind)).findFirst();
  }
}
