package io.stratus.cloud.local.daemon;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One kind of record a region keeps after it is gone (in its last state, e.g. {@code DELETED}), so
 * its id is never reused, while clients see only the live ones.
 */
final class LiveRecords<R> {
  static final LiveRecords<Records.Image> IMAGES =
      new LiveRecords<>(
          i -> i.state,
          "DELETED",
          id -> new ApiException(404, "ImageNotFound", "image " + id + " does not exist"));
  static final LiveRecords<Records.Volume> VOLUMES =
      new LiveRecords<>(v -> v.state, "DELETED", id -> ApiException.notFound("volume", id));
  static final LiveRecords<Records.Snapshot> SNAPSHOTS =
      new LiveRecords<>(s -> s.state, "DELETED", id -> ApiException.notFound("snapshot", id));
  static final LiveRecords<Records.Ip> ADDRESSES =
      new LiveRecords<>(ip -> ip.state, "RELEASED", id -> ApiException.notFound("address", id));

  private final Function<R, String> stateOf;
  private final String gone;
  private final Function<String, ApiException> notFound;

  private LiveRecords(
      Function<R, String> stateOf, String gone, Function<String, ApiException> notFound) {
    this.stateOf = stateOf;
    this.gone = gone;
    this.notFound = notFound;
  }

  /**
   * The live record {@code id} of {@code records}.
   *
   * @throws ApiException 404 when there is none, or it is gone
   */
  R one(Map<String, R> records, String id) {
    R record = records.get(id);
    if (record == null || gone.equals(stateOf.apply(record))) {
      throw notFound.apply(id);
    }
    return record;
  }

  /** The live records of {@code records}, in its order. */
  List<R> all(Map<String, R> records) {
    return records.values().stream().filter(r -> !gone.equals(stateOf.apply(r))).toList();
  }

  /**
   * The region's VM {@code vmId}, which an action is about to involve.
   *
   * @param doing what the action does, for the 409 on a terminated VM: "cannot {@code doing}
   *     terminated VM …"
   * @throws ApiException 404 when there is no such VM, 409 when it is terminated
   */
  static Records.Vm vmNotTerminated(RegionState region, String vmId, String doing) {
    Records.Vm vm = region.vms.get(vmId);
    if (vm == null) {
      throw ApiException.notFound("VM", vmId);
    }
    if ("TERMINATED".equals(vm.state)) {
      throw ApiException.conflict("cannot " + doing + " terminated VM " + vmId);
    }
    return vm;
  }
}
