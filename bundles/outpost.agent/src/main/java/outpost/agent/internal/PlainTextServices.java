package outpost.agent.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import outpost.agent.PlainTextSettings;

/** What every plain-text session of one listener shares with the agent. */
record PlainTextServices(PlainTextSettings settings, CommandRegistry commands, ExecutorService workers,
        ScheduledExecutorService timers, AuditLog audit, Duration requestTimeout, int outputCap,
        Set<PlainTextSession> sessions) {
}
