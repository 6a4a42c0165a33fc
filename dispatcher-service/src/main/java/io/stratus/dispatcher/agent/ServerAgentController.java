package io.stratus.dispatcher.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.web.DispatchException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A server's agent as users reach it: its registry entry, its event scripts (each run a job), and
 * the log lines the workers collected from it.
 */
@RestController
@RequestMapping("/servers/{id}")
public class ServerAgentController extends ActionController {
  static final Pattern SCRIPT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  static final Pattern LOG = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  static final int MAX_ARGS = 32;
  static final int MAX_ARG_LENGTH = 4096;
  static final int DEFAULT_TIMEOUT_SECONDS = 300;

  private final AgentRegistry registry;
  private final AgentLogs logs;

  public ServerAgentController(
      Resources resources, ActionDispatcher dispatcher, AgentRegistry registry, AgentLogs logs) {
    super(resources, dispatcher);
    this.registry = registry;
    this.logs = logs;
  }

  @Requires(resource = "server", action = "read", owned = true)
  @GetMapping("/agent")
  public AgentView agent(Actor actor, @PathVariable long id) {
    resources.owned("server", actor.customerId(), id);
    return registry
        .find(actor.customerId(), id)
        .orElseThrow(() -> new DispatchException(404, "server " + id + " has no agent"));
  }

  @Requires(resource = "server", action = "script", owned = true)
  @PostMapping("/scripts/{name}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket runScript(
      Actor actor,
      @PathVariable long id,
      @PathVariable String name,
      @RequestBody(required = false) RunScript request) {
    if (!SCRIPT.matcher(name).matches()) {
      throw DispatchException.badRequest(
          "script name must be letters, digits, '_' or '-' (at most 64), starting with a letter");
    }
    List<String> args = request == null || request.args() == null ? List.of() : request.args();
    if (args.size() > MAX_ARGS) {
      throw DispatchException.badRequest("at most " + MAX_ARGS + " args");
    }
    for (String arg : args) {
      if (arg == null || arg.length() > MAX_ARG_LENGTH || arg.indexOf('\0') >= 0) {
        throw DispatchException.badRequest(
            "each arg must be text of at most " + MAX_ARG_LENGTH + " characters, without NUL");
      }
    }
    int timeout =
        request == null || request.timeoutSeconds() == null
            ? DEFAULT_TIMEOUT_SECONDS
            : request.timeoutSeconds();
    if (timeout < 1 || timeout > 3600) {
      throw DispatchException.badRequest("timeoutSeconds must be between 1 and 3600");
    }
    resources.actionable("server", actor.customerId(), id, "sent a script", "running");
    AgentView agent =
        registry
            .find(actor.customerId(), id)
            .orElseThrow(() -> DispatchException.conflict("server " + id + " has no agent"));
    if (!"reachable".equals(agent.state())) {
      throw DispatchException.conflict(
          "server " + id + "'s agent is " + agent.state() + "; scripts run on a reachable agent");
    }
    ObjectNode parameters = ActionDispatcher.payload();
    parameters.put("script", name);
    ArrayNode list = parameters.putArray("args");
    args.forEach(list::add);
    parameters.put("timeoutSeconds", timeout);
    return dispatcher.dispatch(actor, Action.SERVER_RUN_SCRIPT, id, parameters);
  }

  @Requires(resource = "server", action = "read", owned = true)
  @GetMapping("/logs")
  public Map<String, Object> logs(
      Actor actor,
      @PathVariable long id,
      @RequestParam(required = false) String name,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "200") int limit) {
    resources.owned("server", actor.customerId(), id);
    if (name != null && !LOG.matcher(name).matches()) {
      throw DispatchException.badRequest("name is not a log name");
    }
    if (limit < 1 || limit > 1000) {
      throw DispatchException.badRequest("limit must be between 1 and 1000");
    }
    return logs.read(id, name, after, limit);
  }
}
