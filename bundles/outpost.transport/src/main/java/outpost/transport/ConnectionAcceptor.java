package outpost.transport;

/** Decides what handles the messages of a newly accepted connection. */
@FunctionalInterface
public interface ConnectionAcceptor {

    MessageHandler accepted(Connection connection);
}
