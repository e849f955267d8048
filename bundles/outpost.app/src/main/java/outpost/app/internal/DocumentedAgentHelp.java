package outpost.app.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * The agent's {@code help} for a token with every role, as shipped with this console. The UI test
 * compares it with the answer of the agent of the same build, so it cannot drift unnoticed.
 */
final class DocumentedAgentHelp {

    static final String RESOURCE = "help/agent-commands.txt";

    private DocumentedAgentHelp() {
    }

    /** Reads the bundled list. Does I/O: not on the UI thread. */
    static AgentHelp load() throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(DocumentedAgentHelp.class);
        URL entry = bundle.getEntry(RESOURCE);
        if (entry == null) {
            throw new IOException(RESOURCE + " is missing from bundle " + bundle.getSymbolicName());
        }
        String text;
        try (InputStream in = entry.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new AgentHelp("Documentation of the Outpost agent " + release(bundle.getVersion())
                + ", for a token with every role (read, execute, admin) on an agent with shell commands on; an agent"
                + " lists only the shells its machine has. Open a server's console to see what its agent offers your"
                + " token.", text.strip(), false);
    }

    /** The release both console and agent belong to: the version without its build qualifier. */
    static String release(Version version) {
        return version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
    }
}
