package outpost.agent.internal.configuration;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import outpost.broker.AgentState;
import outpost.transport.TlsEngine;

/**
 * The agent's configuration file, a properties file ({@code etc/outpost.agent.cfg} in the install,
 * or the one given with --config), read into the typed values of ConfigAdmin pid
 * {@value AgentConfiguration#PID}:
 * <pre>
 * port = 5005
 * # one pattern per key starting with shell.allow; deny wins over allow
 * shell.allow.1 = uname -a
 * shell.allow.2 = df -h *
 * shell.deny.1  = df -h /secret*
 * request.timeout = 60
 * </pre>
 * An unknown key or an invalid value stops the start with a message naming the key.
 */
final class AgentConfigurationFile {

    /** The numeric keys and their ranges. */
    private static final Map<String, long[]> NUMBERS = Map.of(
            "port", new long[] { 0, 65535 },
            "request.timeout", new long[] { 1, 86_400 },
            "output.cap", new long[] { 1024, Integer.MAX_VALUE },
            "max.connections", new long[] { 1, 100_000 },
            "max.in.flight", new long[] { 1, 1024 },
            "plain.text.port", new long[] { 0, 65535 },
            "plain.text.max.line", new long[] { 16, 65_536 },
            "plain.text.max.connections", new long[] { 1, 10_000 },
            "plain.text.idle.timeout", new long[] { 1, 86_400 },
            "broker.metrics.seconds", new long[] { 0, 86_400 });
    private static final List<String> BOOLEANS = List.of("plain.tcp", "plain.text.enabled");
    private static final List<String> ADDRESSES = List.of("bind", "plain.text.bind");
    /** Text keys checked when the settings are made ({@link ConfiguredSettings}), which names the key. */
    private static final List<String> TEXTS = List.of("broker.url", "broker.clientId", "broker.username",
            "broker.passwordFile", "broker.caFile", "broker.fingerprint", "broker.group");
    private static final String KNOWN = "bind, port, data, plain.tcp, tls.engine, request.timeout, output.cap, max.connections, "
            + "max.in.flight, shell.allow*, shell.deny*, plain.text.enabled, plain.text.bind, plain.text.port, "
            + "plain.text.commands, plain.text.max.line, plain.text.max.connections, plain.text.idle.timeout, "
            + "broker.url, broker.clientId, broker.username, broker.passwordFile, broker.caFile, broker.fingerprint, "
            + "broker.metrics.seconds, broker.group";

    private AgentConfigurationFile() {
    }

    /**
     * @return the values the file sets, typed as the component property type expects them; shell
     *         patterns gathered under shell.allow and shell.deny in the order of their keys
     * @throws IOException when the file cannot be read, or a key or value is invalid (the message names it)
     */
    static Map<String, Object> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + file);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> allow = new ArrayList<>();
        List<String> deny = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.startsWith("shell.allow")) {
                allow.add(nonEmpty(file, key, value));
            } else if (key.startsWith("shell.deny")) {
                deny.add(nonEmpty(file, key, value));
            } else {
                values.put(key, value(file, key, value));
            }
        }
        if (!allow.isEmpty()) {
            values.put("shell.allow", allow.toArray(String[]::new));
        }
        if (!deny.isEmpty()) {
            values.put("shell.deny", deny.toArray(String[]::new));
        }
        return values;
    }

    private static Object value(Path file, String key, String value) throws IOException {
        if (NUMBERS.containsKey(key)) {
            return (int) number(file, key, value, NUMBERS.get(key)[0], NUMBERS.get(key)[1]);
        }
        if (BOOLEANS.contains(key)) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IOException(file + ": " + key + " must be true or false, not '" + value + "'");
            };
        }
        if (ADDRESSES.contains(key)) {
            try {
                ConfiguredSettings.address(key, nonEmpty(file, key, value), 0);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage());
            }
            return value;
        }
        if (key.equals("broker.group")) {
            try {
                return AgentState.requireGroup(nonEmpty(file, key, value));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": broker.group: " + e.getMessage());
            }
        }
        if (key.equals("data") || TEXTS.contains(key)) {
            return nonEmpty(file, key, value);
        }
        if (key.equals("tls.engine")) {
            try {
                return TlsEngine.parse(value).key();
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": tls.engine must be auto, openssl or jdk, not '" + value + "'");
            }
        }
        if (key.equals("plain.text.commands")) {
            return value.isEmpty() ? new String[0] : value.toLowerCase(Locale.ROOT).split("[,\\s]+");
        }
        throw new IOException(file + ": unknown key '" + key + "' (known: " + KNOWN + ")");
    }

    private static String nonEmpty(Path file, String key, String value) throws IOException {
        if (value.isEmpty()) {
            throw new IOException(file + ": " + key + " is empty"
                    + (key.startsWith("shell.") ? " (write * to allow every command line)" : ""));
        }
        return value;
    }

    private static long number(Path file, String key, String text, long min, long max) throws IOException {
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new IOException(file + ": " + key + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " must be a whole number, not '" + text + "'");
        }
    }
}
