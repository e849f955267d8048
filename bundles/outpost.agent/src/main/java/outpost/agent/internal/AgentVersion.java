package outpost.agent.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The version this agent announces: its bundle's version, or "dev" outside OSGi. */
final class AgentVersion {

    private AgentVersion() {
    }

    static String current() {
        Bundle bundle = FrameworkUtil.getBundle(AgentVersion.class);
        return bundle == null ? "dev" : bundle.getVersion().toString();
    }
}
