package io.stratus.worker.subscriber.task;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.common.job.Action;
import io.stratus.common.task.Task;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A task that is one cloud step on one row (volumes, snapshots, images, IP addresses, firewalls):
 * loads the task's resource row, connects the driver in the row's region, runs the {@link Work},
 * and reports what it returns as the job's message.
 */
final class ResourceStep extends CloudTask {
  /** The step itself; returns the sentence the user reads, e.g. "volume 4 is available". */
  interface Work {
    String run(ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider)
        throws Exception;
  }

  private final Work work;

  ResourceStep(TaskContext context, Work work) {
    super(context);
    this.work = work;
  }

  @Override
  public void execute(Task task) throws Exception {
    String table = Action.ofKind(task.kind()).orElseThrow().resourceType();
    Map<String, Object> row = row(table, resourceId(task));
    try (CloudProvider provider = context.connector().connect(id(row, "region_id"))) {
      progress(task, 99, work.run(this, task, row, provider));
    }
  }

  /** Sets one column of one row; the table and column are the handler's own constants. */
  void set(String table, long id, String column, Object value) {
    jdbc.sql("UPDATE " + table + " SET " + column + " = ? WHERE id = ?").params(value, id).update();
  }

  /** Records the row's new state and announces it (as a {@code resource} event). */
  void settle(String table, String resource, Task task, long id, String state) {
    set(table, id, "state", state);
    event(resource, task, id, state);
  }

  /**
   * Removes from the cloud the resource a row names, unless the row has no cloud id yet or the
   * cloud no longer has it {@code live}: a repeated attempt removes it once.
   */
  static <T> void removeIfLive(
      String providerId,
      Function<String, Optional<T>> find,
      Predicate<T> live,
      Consumer<String> remove) {
    if (providerId != null && find.apply(providerId).filter(live).isPresent()) {
      remove.accept(providerId);
    }
  }

  /** The cloud's id of a server or a volume the step refers to. */
  String providerId(String table, Object id) {
    String column =
        switch (table) {
          case "server" -> "provider_server_id";
          case "volume" -> "provider_volume_id";
          default -> throw new IllegalArgumentException(table);
        };
    return jdbc.sql("SELECT " + column + " FROM " + table + " WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }
}
