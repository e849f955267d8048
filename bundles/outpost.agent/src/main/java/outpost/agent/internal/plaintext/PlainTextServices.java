package outpost.agent.internal.plaintext;

import java.time.Duration;
import java.util.Set;

import outpost.agent.PlainTextSettings;
import outpost.agent.internal.audit.AuditLog;
import outpost.agent.internal.dispatch.Dispatcher;

/** What every plain-text session of one listener shares with the agent. */
public record PlainTextServices(PlainTextSettings settings, Dispatcher dispatcher, AuditLog audit, Duration requestTimeout,
        int outputCap, Set<PlainTextSession> sessions) {
}
