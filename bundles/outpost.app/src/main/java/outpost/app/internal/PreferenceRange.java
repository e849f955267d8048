package outpost.app.internal;

import outpost.console.ui.ConsolePreferences;

/** The whole-number console preferences, in the order the page shows them, with the values it accepts. */
enum PreferenceRange {
    DEFAULT_PORT(ConsolePreferences.DEFAULT_PORT, "Default &port of new servers:", 1, 65_535),
    CONNECT_TIMEOUT(ConsolePreferences.CONNECT_TIMEOUT_SECONDS, "&Connect timeout (seconds):", 1, 300),
    KEEPALIVE(ConsolePreferences.KEEPALIVE_SECONDS, "&Keepalive: a silent agent is lost after (seconds):", 2, 3_600),
    RECONNECT_MAX_DELAY(ConsolePreferences.RECONNECT_MAX_DELAY_SECONDS, "Longest &wait between reconnects (seconds):", 1, 3_600),
    SCROLLBACK(ConsolePreferences.SCROLLBACK_LINES, "&Scrollback: lines a console keeps:", 100, 1_000_000),
    LIVE_REFRESH(ConsolePreferences.LIVE_REFRESH_SECONDS, "Server Explorer &refresh interval (seconds):", 1, 3_600);

    private final String key;
    private final String label;
    private final int min;
    private final int max;

    PreferenceRange(String key, String label, int min, int max) {
        this.key = key;
        this.label = label;
        this.min = min;
        this.max = max;
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }
}
