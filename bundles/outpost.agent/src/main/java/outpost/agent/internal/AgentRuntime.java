package outpost.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import outpost.agent.Agent.AgentStartup;
import outpost.agent.internal.authentication.TokenStore;
import outpost.protocol.Role;

/** The agent as its own application and its local administration see it. */
public interface AgentRuntime extends outpost.agent.Agent {

    /** Starts with the settings of ConfigAdmin pid outpost.agent, as last received. */
    AgentStartup startConfigured() throws IOException;

    /**
     * Makes the admin token and the TLS identity of the configured data folder where missing,
     * without listening ({@code outpost-agent --init}).
     */
    AgentInitialization initialize() throws IOException;

    /** Why the last configuration received could not be used, if it could not. */
    Optional<String> configurationProblem();

    /** Empty while the agent is not listening. */
    Optional<Status> status();

    /** The settings the agent listens with; empty while it is not listening. */
    Optional<outpost.agent.AgentSettings> settings();

    /** Authenticated and still authenticating clients, oldest first. */
    List<Client> clients();

    /** Every token's name and roles (never a secret); empty while the agent is not listening. */
    List<TokenStore.Grant> tokens();

    /**
     * @param address      where the framed protocol listens
     * @param fingerprint  the TLS certificate's; empty for plain TCP
     * @param plainText    where the plain-text dialect listens, if it does
     * @param started      when the agent came up (its uptime)
     * @param listening    when it last started listening (a reset restarts this)
     * @param connections  framed-protocol connections, authenticated or not
     */
    /** @param broker broker mode as {@code outpost:status} shows it; empty when off */
    record Status(InetSocketAddress address, Optional<String> fingerprint, Optional<InetSocketAddress> plainText,
            Instant started, Instant listening, int connections, Optional<String> broker) {
    }

    /** @param tokenName empty until the client has authenticated */
    record Client(InetSocketAddress peer, Optional<String> tokenName, Set<Role> roles, int requestsInFlight,
            Instant connectedSince, String dialect) {
    }
}
