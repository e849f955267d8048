package outpost.console.ui;

import java.time.Duration;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IPreferencesService;

import outpost.transport.TlsEngine;

/**
 * The console's preferences: the keys of the {@value #NODE} preference node, their defaults, and
 * their current values. The preference page edits them; editors and the Server Explorer read them.
 *
 * @param defaultPort        port proposed for new servers
 * @param connectTimeout     how long a connect may take before it fails
 * @param keepalive          how long a silent agent is given before it counts as lost
 * @param autoReconnect      whether a lost connection is retried by itself
 * @param reconnectMaxDelay  cap of the exponential backoff between reconnect attempts
 * @param scrollbackLines    lines a console keeps before the oldest are dropped
 * @param liveRefresh        how often the Server Explorer refreshes its live columns
 * @param wrapLines          whether long transcript lines wrap at the console's width (else they scroll sideways)
 * @param tlsEngine          the TLS engine of the connections to agents (auto: BoringSSL when it loads)
 */
public record ConsolePreferences(int defaultPort, Duration connectTimeout, Duration keepalive, boolean autoReconnect,
        Duration reconnectMaxDelay, int scrollbackLines, Duration liveRefresh, boolean wrapLines, TlsEngine tlsEngine) {

    public static final String NODE = "outpost.console.ui";

    public static final String DEFAULT_PORT = "defaultPort";
    public static final String CONNECT_TIMEOUT_SECONDS = "connectTimeoutSeconds";
    public static final String KEEPALIVE_SECONDS = "keepaliveSeconds";
    public static final String AUTO_RECONNECT = "autoReconnect";
    public static final String RECONNECT_MAX_DELAY_SECONDS = "reconnectMaxDelaySeconds";
    public static final String SCROLLBACK_LINES = "scrollbackLines";
    public static final String LIVE_REFRESH_SECONDS = "liveRefreshSeconds";
    public static final String WRAP_LINES = "wrapLines";
    /** auto, openssl or jdk ({@link TlsEngine#key()}). */
    public static final String TLS_ENGINE = "tlsEngine";

    /** The defaults, as the preference initializer sets them. */
    public static final ConsolePreferences DEFAULTS = new ConsolePreferences(5005, Duration.ofSeconds(5),
            Duration.ofSeconds(15), true, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5), true, TlsEngine.AUTO);

    /** Preferences with the TLS engine chosen automatically. */
    public ConsolePreferences(int defaultPort, Duration connectTimeout, Duration keepalive, boolean autoReconnect,
            Duration reconnectMaxDelay, int scrollbackLines, Duration liveRefresh, boolean wrapLines) {
        this(defaultPort, connectTimeout, keepalive, autoReconnect, reconnectMaxDelay, scrollbackLines, liveRefresh, wrapLines,
                TlsEngine.AUTO);
    }

    /** The values in effect now (instance scope over defaults). */
    public static ConsolePreferences current() {
        IPreferencesService service = Platform.getPreferencesService();
        if (service == null) {
            return DEFAULTS; // outside a running platform, e.g. plain unit tests
        }
        return new ConsolePreferences(
                service.getInt(NODE, DEFAULT_PORT, DEFAULTS.defaultPort, null),
                Duration.ofSeconds(service.getInt(NODE, CONNECT_TIMEOUT_SECONDS, (int) DEFAULTS.connectTimeout.toSeconds(), null)),
                Duration.ofSeconds(service.getInt(NODE, KEEPALIVE_SECONDS, (int) DEFAULTS.keepalive.toSeconds(), null)),
                service.getBoolean(NODE, AUTO_RECONNECT, DEFAULTS.autoReconnect, null),
                Duration.ofSeconds(service.getInt(NODE, RECONNECT_MAX_DELAY_SECONDS,
                        (int) DEFAULTS.reconnectMaxDelay.toSeconds(), null)),
                service.getInt(NODE, SCROLLBACK_LINES, DEFAULTS.scrollbackLines, null),
                Duration.ofSeconds(service.getInt(NODE, LIVE_REFRESH_SECONDS, (int) DEFAULTS.liveRefresh.toSeconds(), null)),
                service.getBoolean(NODE, WRAP_LINES, DEFAULTS.wrapLines, null),
                tlsEngine(service.getString(NODE, TLS_ENGINE, DEFAULTS.tlsEngine.key(), null)));
    }

    /** A word someone typed into the preferences file by hand that is no engine counts as auto. */
    private static TlsEngine tlsEngine(String word) {
        try {
            return TlsEngine.parse(word);
        } catch (IllegalArgumentException e) {
            return TlsEngine.AUTO;
        }
    }
}
