package outpost.agent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import outpost.agent.internal.authentication.TokenStore;
import outpost.agent.internal.plaintext.PlainTextSession;
import outpost.protocol.Role;

/**
 * Local administration in the Gogo shell of the Equinox console ({@code outpost-agent --console
 * PORT}): {@code outpost:status}, {@code outpost:clients}, {@code outpost:tokens}. Each returns
 * text; token secrets never appear, the agent keeps only their hashes.
 */
@Component(service = AdministrationCommands.class, property = { "osgi.command.scope=outpost",
        "osgi.command.function=status", "osgi.command.function=clients", "osgi.command.function=tokens" })
public final class AdministrationCommands {

    private final AgentRuntime agent;

    @Activate
    public AdministrationCommands(@Reference AgentRuntime agent) {
        this.agent = agent;
    }

    /** Where the agent listens, TLS or not, its certificate and TLS engine, broker mode, uptime and connection count. */
    public String status() {
        Optional<AgentRuntime.Status> current = agent.status();
        if (current.isEmpty()) {
            return "not listening";
        }
        AgentRuntime.Status status = current.get();
        return String.join("\n",
                "listening   " + hostPort(status.address()) + (status.fingerprint().isPresent() ? " (TLS)" : " (plain TCP, no TLS)"),
                "certificate " + status.fingerprint().orElse("none"),
                "tls engine  " + agent.settings().map(TlsEngineReport::describe).orElse("unknown"),
                "plain text  " + status.plainText().map(AdministrationCommands::hostPort).orElse("off"),
                "broker      " + status.broker().orElse("off"),
                "uptime      " + duration(status.started()) + " (listening for " + duration(status.listening()) + ")",
                "connections " + status.connections() + " framed, " + agent.clients().stream()
                        .filter(client -> client.dialect().equals(PlainTextSession.TOKEN_NAME)).count() + " plain text");
    }

    /** One line per connected client: peer, token, roles, requests in flight, connected since. */
    public String clients() {
        List<AgentRuntime.Client> clients = agent.clients();
        if (clients.isEmpty()) {
            return "no clients";
        }
        StringBuilder text = new StringBuilder(String.format("%-22s %-16s %-20s %9s  %s", "PEER", "TOKEN", "ROLES",
                "IN FLIGHT", "CONNECTED SINCE"));
        for (AgentRuntime.Client client : clients) {
            text.append('\n').append(String.format("%-22s %-16s %-20s %9d  %s", hostPort(client.peer()),
                    client.tokenName().orElse("(authenticating)"), roles(client.roles()), client.requestsInFlight(),
                    client.connectedSince()));
        }
        return text.toString();
    }

    /** Every token's name and roles, never a secret. */
    public String tokens() {
        List<TokenStore.Grant> grants = agent.tokens();
        if (grants.isEmpty()) {
            return "no tokens (the agent is not listening)";
        }
        return grants.stream().map(grant -> String.format("%-16s %s", grant.name(), roles(grant.roles())))
                .collect(Collectors.joining("\n"));
    }

    private static String roles(java.util.Set<Role> roles) {
        return roles.isEmpty() ? "-" : roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
    }

    private static String hostPort(java.net.InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        // a session through the broker has an unresolved address named after the broker client
        return address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static String duration(Instant since) {
        Duration elapsed = Duration.between(since, Instant.now());
        return String.format("%dd %02d:%02d:%02d", elapsed.toDays(), elapsed.toHoursPart(), elapsed.toMinutesPart(),
                elapsed.toSecondsPart());
    }
}
