package io.stratus.worker.subscriber.task;

import io.stratus.common.job.Action;
import io.stratus.common.task.TaskHandler;
import io.stratus.worker.subscriber.agent.ScriptTask;
import java.util.HashMap;
import java.util.Map;

/** Every cloud task handler, by task kind: one for each {@link Action}. */
public final class CloudTasks {
  private CloudTasks() {}

  public static Map<String, TaskHandler> handlers(TaskContext context) {
    Map<String, TaskHandler> handlers = new HashMap<>();
    AccountRegistration registration = new AccountRegistration(context);
    handlers.put(Action.ACCOUNT_REGISTER.kind(), registration);
    // A test is a registration run again: connect, take capabilities, re-discover; safe to repeat.
    handlers.put(Action.ACCOUNT_TEST.kind(), registration);
    handlers.putAll(ServerTasks.handlers(context));
    handlers.putAll(StorageTasks.handlers(context));
    handlers.putAll(NetworkTasks.handlers(context));
    handlers.put(Action.SERVER_RUN_SCRIPT.kind(), new ScriptTask(context.agents(), context.jobs()));
    for (Action action : Action.values()) {
      if (!handlers.containsKey(action.kind())) {
        throw new IllegalStateException("no handler for " + action.kind());
      }
    }
    return Map.copyOf(handlers);
  }
}
