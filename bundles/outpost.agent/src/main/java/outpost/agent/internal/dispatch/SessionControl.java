package outpost.agent.internal.dispatch;

/** What a client may ask of the agent itself, beyond commands: the original's reset and kill. */
public interface SessionControl {

    /** Tells every client, closes all connections, re-reads tokens and identity, listens again. */
    void reset();

    /** Tells every client, closes all connections, stops listening and ends the agent application. */
    void kill();
}
