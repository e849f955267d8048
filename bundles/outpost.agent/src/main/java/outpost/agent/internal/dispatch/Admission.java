package outpost.agent.internal.dispatch;

import java.util.Optional;

import outpost.agent.AgentCommand;
import outpost.protocol.ResultStatus;
import outpost.protocol.Role;

/**
 * A request looked up for its caller: a refusal, a built-in, or a command to run.
 *
 * @param role the role the request needs (read for unknown commands): the audit log writes
 *             read-role requests in batches, everything else at once
 */
public record Admission(CommandLine line, Optional<Outcome> refusal, Optional<BuiltIn> builtIn,
        Optional<AgentCommand> command, Role role) {

    /** Whether the audit may write this request's line in a batch: a read-role request that was not refused for lack of a role. */
    public boolean auditedInBatch(ResultStatus status) {
        return role == Role.READ && status != ResultStatus.FORBIDDEN;
    }

    /** Refusals, built-ins and quick commands answer on the caller's thread; the rest go to a worker. */
    boolean runsOnCallersThread() {
        return refusal.isPresent() || builtIn.isPresent() || command.map(AgentCommand::isQuick).orElse(true);
    }
}
