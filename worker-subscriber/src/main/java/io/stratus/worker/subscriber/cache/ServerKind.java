package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.worker.subscriber.agent.AgentTokens;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Servers: the cloud's machines, paged by the driver. A machine of a launch whose task has not yet
 * recorded the cloud's id is adopted by its client token rather than inserted; a terminated one has
 * its agent's tokens revoked; events carry the new state ({@code server.<c>.<id>.running}), as the
 * tasks' do.
 */
public final class ServerKind extends TableKind<VirtualMachine> {
  public ServerKind() {
    super(
        "server",
        VirtualMachine::id,
        KindTable.<VirtualMachine>of(Infrastructure.SERVER)
            .state(ServerKind::state)
            .endsWhen(vm -> vm.state() == VmState.TERMINATED, null)
            .column("state_reason", VirtualMachine::stateReason)
            .column("private_ip", VirtualMachine::privateAddress)
            .column("public_ip", VirtualMachine::publicAddress)
            .inserted("name", VirtualMachine::name)
            .inserted("launched_at", vm -> Timestamp.from(vm.createdAt()))
            .updates(
                "terminated_at = CASE WHEN ? = 'terminated' THEN NOW(3) ELSE NULL END",
                ServerKind::state)
            .whenGone("terminated_at = NOW(3)")
            .build());
  }

  @Override
  public Optional<Listing<VirtualMachine>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider
        .compute()
        .flatMap(c -> c.virtualMachines())
        .map(vms -> request -> vms.list(VmFilter.ALL, request));
  }

  @Override
  public boolean stillThere(CloudProvider provider, String providerId, String storedState) {
    if (!"pending".equals(storedState)) {
      return false; // only a machine being created can fall between a listing's pages
    }
    return provider
        .compute()
        .flatMap(c -> c.virtualMachines())
        .flatMap(vms -> vms.get(providerId))
        .filter(vm -> !goneInCloud(vm))
        .isPresent();
  }

  /** Gives a launch's pending row (found by its client token) the cloud's id and state. */
  @Override
  public boolean adopt(JdbcClient jdbc, CacheWork work, VirtualMachine vm) {
    if (vm.clientToken() == null) {
      return false;
    }
    return jdbc.sql(
                """
                UPDATE server SET provider_server_id = :provider, state = :state,
                       state_reason = :reason, private_ip = :private, public_ip = :public
                 WHERE region_id = :region AND client_token = :token
                   AND provider_server_id IS NULL AND state <> 'terminated'
                """)
            .param("provider", vm.id())
            .param("state", state(vm))
            .param("reason", vm.stateReason())
            .param("private", vm.privateAddress())
            .param("public", vm.publicAddress())
            .param("region", work.regionId())
            .param("token", vm.clientToken())
            .update()
        == 1;
  }

  @Override
  public void ended(JdbcTemplate batches, List<Long> rowIds) {
    batches.batchUpdate(AgentTokens.REVOKE, rowIds.stream().map(id -> new Object[] {id}).toList());
  }

  /** The new state, as the tasks' server events say it; "changed" when only addresses moved. */
  @Override
  public String event(Change change, String state, boolean stateChanged) {
    return change == Change.CHANGED && !stateChanged ? change.word() : state;
  }

  private static String state(VirtualMachine vm) {
    return stateOf(vm.state());
  }
}
