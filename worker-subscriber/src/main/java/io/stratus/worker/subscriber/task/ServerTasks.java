package io.stratus.worker.subscriber.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.common.job.Action;
import io.stratus.common.task.RecoverableTaskException;
import io.stratus.common.task.Task;
import io.stratus.common.task.TaskHandler;
import io.stratus.worker.subscriber.agent.AgentTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Server tasks: launch, start, stop, reboot, terminate. Each acts once and then follows the machine
 * until it reaches the state the user asked for, keeping the row (state, addresses) and the job's
 * progress current and publishing {@code server.<customer>.<id>.<state>} on each change.
 *
 * <p>Every step is safe to repeat after a worker dies: a launch carries the row's client token, so
 * the cloud hands back the same machine instead of making a second; start, stop, reboot and
 * terminate first look whether the machine is already where it should be.
 */
public final class ServerTasks {
  private ServerTasks() {}

  public static Map<String, TaskHandler> handlers(TaskContext context) {
    return Map.of(
        Action.SERVER_LAUNCH.kind(), new Launch(context),
        Action.SERVER_START.kind(), new Change(context, Change.Verb.START),
        Action.SERVER_STOP.kind(), new Change(context, Change.Verb.STOP),
        Action.SERVER_REBOOT.kind(), new Change(context, Change.Verb.REBOOT),
        Action.SERVER_TERMINATE.kind(), new Change(context, Change.Verb.TERMINATE));
  }

  /** Shared by the server tasks: following a machine and keeping its row true. */
  abstract static class ServerTask extends CloudTask {
    ServerTask(TaskContext context) {
      super(context);
    }

    static VirtualMachineSupport vms(CloudProvider provider) {
      return provider
          .compute()
          .flatMap(c -> c.virtualMachines())
          .orElseThrow(
              () ->
                  new CloudException(
                      CloudErrorType.INVALID_REQUEST, "this cloud does not run servers"));
    }

    /**
     * Waits until the machine is in {@code target}; records every state it passes through (a poll
     * that finds nothing changed writes nothing).
     *
     * @param known the row's state as this task last saw or wrote it
     */
    VirtualMachine await(
        Task task,
        VirtualMachineSupport vms,
        long serverId,
        String providerId,
        VmState target,
        String known)
        throws RecoverableTaskException {
      long deadline = System.nanoTime() + context.waitLimit().toNanos();
      VirtualMachine seen = null;
      while (true) {
        Optional<VirtualMachine> found = call(() -> vms.get(providerId));
        if (found.isEmpty()) {
          if (target == VmState.TERMINATED) {
            record(task, serverId, null, "terminated", null, known);
            return null;
          }
          throw new CloudException(
              CloudErrorType.NOT_FOUND, "the cloud no longer knows server " + serverId);
        }
        VirtualMachine vm = found.get();
        if (seen == null || !sameOutside(seen, vm)) {
          known = record(task, serverId, vm, state(vm.state()), vm.stateReason(), known);
          seen = vm;
        }
        if (vm.state() == target) {
          return vm;
        }
        if (vm.state() == VmState.TERMINATED) {
          throw new CloudException(
              CloudErrorType.GENERAL,
              "server "
                  + serverId
                  + " terminated"
                  + (vm.stateReason() == null ? "" : ": " + vm.stateReason()));
        }
        if (System.nanoTime() > deadline) {
          throw new RecoverableTaskException(
              "server "
                  + serverId
                  + " still "
                  + state(vm.state())
                  + " after "
                  + context.waitLimit().toSeconds()
                  + " s");
        }
        pause(context.pollInterval().toMillis());
      }
    }

    /** Whether two looks at a machine show the same state and addresses. */
    private static boolean sameOutside(VirtualMachine a, VirtualMachine b) {
      return a.state() == b.state()
          && Objects.equals(a.privateAddress(), b.privateAddress())
          && Objects.equals(a.publicAddress(), b.publicAddress());
    }

    /**
     * Writes the machine's state and addresses to the row, and the data centre the cloud placed it
     * in when the launch left the choice to the cloud; publishes an event when the state differs
     * from {@code known}. Returns the state written.
     */
    String record(
        Task task, long serverId, VirtualMachine vm, String state, String reason, String known) {
      jdbc.sql(
              """
              UPDATE server
                 SET state = :state, state_reason = :reason,
                     provider_server_id = COALESCE(provider_server_id, :provider),
                     data_center_id = COALESCE(data_center_id,
                       (SELECT d.id FROM data_center d
                         WHERE d.region_id = server.region_id AND d.provider_dc_id = :dc)),
                     private_ip = COALESCE(:private, private_ip),
                     public_ip = COALESCE(:public, public_ip),
                     launched_at = COALESCE(launched_at, IF(:state = 'running', NOW(3), NULL)),
                     terminated_at = IF(:state = 'terminated', COALESCE(terminated_at, NOW(3)), NULL)
               WHERE id = :id
              """)
          .param("state", state)
          .param("reason", reason)
          .param("provider", vm == null ? null : vm.id())
          .param("dc", vm == null ? null : vm.dataCenterId())
          .param("private", vm == null ? null : vm.privateAddress())
          .param("public", vm == null ? null : vm.publicAddress())
          .param("id", serverId)
          .update();
      if ("terminated".equals(state)) {
        jdbc.sql(AgentTokens.REVOKE).param(serverId).update();
      }
      if (!state.equals(known)) {
        event("server", task, serverId, state);
      }
      return state;
    }

    static String state(VmState state) {
      return state.name().toLowerCase(Locale.ROOT);
    }

    String described(VirtualMachine vm, long serverId, String what) {
      String address =
          vm == null ? null : vm.publicAddress() != null ? vm.publicAddress() : vm.privateAddress();
      return "server " + serverId + " " + what + (address == null ? "" : " at " + address);
    }
  }

  /** Launches the machine of a pending row and waits until it runs. */
  static final class Launch extends ServerTask {
    Launch(TaskContext context) {
      super(context);
    }

    @Override
    public void execute(Task task) throws Exception {
      long serverId = resourceId(task);
      Map<String, Object> server = row("server", serverId);
      if ("terminated".equals(server.get("state"))) {
        progress(task, 99, "server " + serverId + " was terminated before it ran");
        return;
      }
      try (CloudProvider provider = context.connector().connect(id(server, "region_id"))) {
        VirtualMachineSupport vms = vms(provider);
        String known = (String) server.get("state");
        String providerId = (String) server.get("provider_server_id");
        if (providerId == null) {
          progress(task, 10, "asking the cloud for server " + serverId);
          VmLaunchOptions options = options(task, server);
          VirtualMachine vm = call(() -> vms.launch(options));
          known = record(task, serverId, vm, state(vm.state()), vm.stateReason(), known);
          providerId = vm.id();
        }
        progress(task, 50, "server " + serverId + " is starting");
        VirtualMachine running = await(task, vms, serverId, providerId, VmState.RUNNING, known);
        progress(task, 99, described(running, serverId, "is running"));
      }
    }

    private VmLaunchOptions options(Task task, Map<String, Object> server) {
      JsonNode payload = payload(task);
      String image =
          jdbc.sql("SELECT provider_image_id FROM machine_image WHERE id = ?")
              .param(server.get("image_id"))
              .query(String.class)
              .single();
      String product =
          jdbc.sql("SELECT provider_product_id FROM server_product WHERE id = ?")
              .param(server.get("product_id"))
              .query(String.class)
              .single();
      String dataCenter =
          server.get("data_center_id") == null
              ? null
              : jdbc.sql("SELECT provider_dc_id FROM data_center WHERE id = ?")
                  .param(server.get("data_center_id"))
                  .query(String.class)
                  .single();
      List<String> firewalls = new ArrayList<>();
      for (JsonNode id : payload.path("firewallIds")) {
        firewalls.add(
            jdbc.sql("SELECT provider_firewall_id FROM firewall WHERE id = ?")
                .param(id.asLong())
                .query(String.class)
                .single());
      }
      String userData = payload.hasNonNull("userData") ? payload.get("userData").asText() : null;
      if (payload.has("agent")) {
        userData = withAgentBootstrap(task, id(server, "id"), payload.get("agent"), userData);
      }
      return new VmLaunchOptions(
          image,
          product,
          dataCenter,
          (String) server.get("name"),
          userData,
          firewalls,
          (String) server.get("client_token"));
    }

    /**
     * The user's user data followed by the agent bootstrap the VM's agent reads: the Dispatcher's
     * address, the server id, the one-time token (opened here from the launch task's sealed copy)
     * and the CA certificate to trust.
     */
    private String withAgentBootstrap(Task task, long serverId, JsonNode agent, String userData) {
      String token =
          context.agents().openToken(task.customerId(), serverId, agent.path("token").asText());
      StringBuilder text = new StringBuilder();
      if (userData != null && !userData.isEmpty()) {
        text.append(userData);
        if (!userData.endsWith("\n")) {
          text.append('\n');
        }
      }
      text.append("stratus.agent.dispatcher=").append(agent.path("url").asText()).append('\n');
      text.append("stratus.agent.server-id=").append(serverId).append('\n');
      text.append("stratus.agent.token=").append(token).append('\n');
      text.append("stratus.agent.ca=").append(agent.path("ca").asText()).append('\n');
      return text.toString();
    }
  }

  /** Start, stop, reboot or terminate an existing machine. */
  static final class Change extends ServerTask {
    enum Verb {
      START(VmState.RUNNING, "started", "is running"),
      STOP(VmState.STOPPED, "stopped", "is stopped"),
      REBOOT(VmState.RUNNING, "rebooted", "rebooted and is running"),
      TERMINATE(VmState.TERMINATED, "terminated", "is terminated");

      final VmState target;
      final String past;
      final String done;

      Verb(VmState target, String past, String done) {
        this.target = target;
        this.past = past;
        this.done = done;
      }
    }

    private final Verb verb;

    Change(TaskContext context, Verb verb) {
      super(context);
      this.verb = verb;
    }

    /** Marks the row terminated though the cloud has no machine for it, and says so. */
    private void terminatedWithoutTheCloud(
        Task task, long serverId, Map<String, Object> server, String reason) {
      record(task, serverId, null, "terminated", reason, (String) server.get("state"));
      progress(task, 99, "server " + serverId + " is terminated");
    }

    @Override
    public void execute(Task task) throws Exception {
      long serverId = resourceId(task);
      Map<String, Object> server = row("server", serverId);
      String providerId = (String) server.get("provider_server_id");
      if (providerId == null) {
        if (verb != Verb.TERMINATE) {
          throw new CloudException(
              CloudErrorType.INVALID_STATE, "server " + serverId + " was never launched");
        }
        terminatedWithoutTheCloud(
            task, serverId, server, "terminated before the cloud launched it");
        return;
      }
      try (CloudProvider provider = context.connector().connect(id(server, "region_id"))) {
        VirtualMachineSupport vms = vms(provider);
        Optional<VirtualMachine> now = call(() -> vms.get(providerId));
        if (now.isEmpty() && verb == Verb.TERMINATE) {
          terminatedWithoutTheCloud(task, serverId, server, "no longer known to the cloud");
          return;
        }
        boolean alreadyThere =
            now.isPresent() && now.get().state() == verb.target && verb != Verb.REBOOT;
        if (!alreadyThere && !(verb == Verb.REBOOT && repeatedReboot(task, now))) {
          progress(task, 20, "server " + serverId + " is being " + verb.past);
          switch (verb) {
            case START -> run(() -> vms.start(providerId));
            case STOP -> run(() -> vms.stop(providerId));
            case REBOOT -> vms.reboot(providerId); // not repeated: a reboot is not idempotent
            case TERMINATE -> run(() -> vms.terminate(providerId));
          }
        }
        VirtualMachine vm =
            await(task, vms, serverId, providerId, verb.target, (String) server.get("state"));
        progress(task, 99, described(vm, serverId, verb.done));
      }
    }

    /** A reboot retried after its first attempt rebooted already: do not reboot twice. */
    private static boolean repeatedReboot(Task task, Optional<VirtualMachine> now) {
      return task.attempts() > 1 && now.isPresent() && now.get().state() == VmState.REBOOTING;
    }
  }
}
