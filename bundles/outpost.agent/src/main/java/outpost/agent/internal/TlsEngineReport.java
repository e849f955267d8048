package outpost.agent.internal;

import outpost.agent.AgentSettings;
import outpost.transport.TlsEngines;

/** The TLS engine the agent's settings resolve to, as its banner and outpost:status name it. */
final class TlsEngineReport {

    private TlsEngineReport() {
    }

    /** E.g. {@code BoringSSL (netty-tcnative 2.0.84)}, or {@code none (plain TCP)}. */
    static String describe(AgentSettings settings) {
        if (!settings.tls()) {
            return "none (plain TCP)";
        }
        return TlsEngines.describe(settings.tlsEngine());
    }
}
