package io.stratus.dispatcher.agent;

import java.util.List;

/**
 * Run one of the agent's event scripts: its name's in the path; arguments and a time limit here.
 */
public record RunScript(List<String> args, Integer timeoutSeconds) {}
