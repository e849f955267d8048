package outpost.app.internal;

/**
 * An agent's list of commands as {@code help} words it, and where that list comes from.
 *
 * @param source one sentence for the user: a live answer of which agent, or the bundled documentation
 * @param text   the agent's {@code help} text: one line per command or shell prefix
 * @param live   whether an agent answered just now
 */
record AgentHelp(String source, String text, boolean live) {
}
