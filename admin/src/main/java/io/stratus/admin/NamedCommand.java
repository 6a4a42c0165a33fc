package io.stratus.admin;

/**
 * An {@link AdminCommand} whose words and usage line are fixed when it is made: a command then
 * writes only its {@link #run}.
 */
abstract class NamedCommand implements AdminCommand {
  private final String name;
  private final String summary;

  NamedCommand(String name, String summary) {
    this.name = name;
    this.summary = summary;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }
}
