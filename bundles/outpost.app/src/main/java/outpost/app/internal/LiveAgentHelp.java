package outpost.app.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;

import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.console.ui.AgentConnector;
import outpost.protocol.Hello;
import outpost.servers.Server;

/**
 * Asks the agents of the open consoles for {@code help}, with the token the console stored for each
 * and only if its certificate is already pinned (a Help menu never trusts a new agent).
 */
final class LiveAgentHelp {

    /** Beyond a few unreachable servers the user has waited long enough; the documentation is shown. */
    static final int MAX_SERVERS = 3;
    private static final long ANSWER_MILLIS = 10_000;

    private final AgentConnector connector;
    private final SessionFactory sessions;

    LiveAgentHelp(AgentConnector connector, SessionFactory sessions) {
        this.connector = connector;
        this.sessions = sessions;
    }

    /**
     * The first answer of the given servers' agents, tried in order. Blocks (network): never on the
     * UI thread. Each server that did not answer adds its reason to {@code failures}.
     */
    Optional<AgentHelp> ask(List<Server> servers, IProgressMonitor monitor, List<String> failures) {
        for (Server server : servers.stream().distinct().limit(MAX_SERVERS).toList()) {
            if (monitor.isCanceled()) {
                break;
            }
            monitor.subTask(server.name() + " (" + server.endpoint() + ")");
            try {
                Optional<AgentHelp> help = ask(server);
                if (help.isPresent()) {
                    return help;
                }
                failures.add(server.name() + ": no token stored yet");
            } catch (IOException | ExecutionException | TimeoutException e) {
                failures.add(server.name() + ": " + reason(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            monitor.worked(1);
        }
        return Optional.empty();
    }

    private Optional<AgentHelp> ask(Server server)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Optional<SessionSettings> settings = connector.settingsFor(server);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        try (AgentSession session = sessions.create(settings.get().withTrustNew(false))) {
            session.connect();
            CommandReply reply = session.send("help").get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
            if (!reply.isOk()) {
                throw new IOException("help failed: " + reply.result().message());
            }
            String version = session.hello().map(Hello::agentVersion).orElse("of unknown version");
            return Optional.of(new AgentHelp("Live answer of " + server.name() + " (" + server.endpoint() + ", agent "
                    + version + ") for your token, roles: " + String.join(", ", session.roles()) + ".",
                    reply.stdout().strip(), true));
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return "no answer within " + ANSWER_MILLIS / 1000 + " s";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
