package outpost.agent.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import outpost.agent.AgentSettings;
import outpost.agent.ShellPolicy;

/**
 * The agent's configuration file (--config), a properties file:
 * <pre>
 * # one pattern per key starting with shell.allow; deny wins over allow
 * shell.allow.1 = uname -a
 * shell.allow.2 = df -h *
 * shell.deny.1  = df -h /secret*
 * # seconds a request may run, characters of output per request before it is cut
 * request.timeout = 60
 * output.cap = 4194304
 * </pre>
 * An invalid value stops the start with a message naming the key.
 */
final class AgentConfigurationFile {

    private AgentConfigurationFile() {
    }

    static AgentSettings apply(Path file, AgentSettings settings) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + file);
        }
        List<String> allow = new ArrayList<>();
        List<String> deny = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.startsWith("shell.allow")) {
                allow.add(nonEmpty(file, key, value));
            } else if (key.startsWith("shell.deny")) {
                deny.add(nonEmpty(file, key, value));
            } else if (!key.equals("request.timeout") && !key.equals("output.cap")) {
                throw new IOException(file + ": unknown key '" + key
                        + "' (known: shell.allow*, shell.deny*, request.timeout, output.cap)");
            }
        }
        Duration timeout = Duration.ofSeconds(number(file, properties, "request.timeout",
                settings.defaultTimeout().toSeconds(), 1, 86_400));
        int cap = (int) number(file, properties, "output.cap", settings.outputCapBytes(), 1024, Integer.MAX_VALUE);
        return settings.withShell(new ShellPolicy(allow, deny), timeout, cap);
    }

    private static String nonEmpty(Path file, String key, String value) throws IOException {
        if (value.isEmpty()) {
            throw new IOException(file + ": " + key + " is empty (write * to allow every command line)");
        }
        return value;
    }

    private static long number(Path file, Properties properties, String key, long fallback, long min, long max)
            throws IOException {
        String text = properties.getProperty(key);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < min || value > max) {
                throw new IOException(file + ": " + key + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " must be a whole number, not '" + text.strip() + "'");
        }
    }
}
