package outpost.explorer.ui.internal.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IPreferencesService;

import outpost.broker.BrokerSettings;

/**
 * The console's broker: the keys of the {@value #NODE} preference node (the Broker preference page
 * edits them; a product's plugin_customization.ini may preset them) and the settings they make.
 * No URL means no broker: the Server Explorer shows the list file's servers only.
 *
 * @param url          ssl://host:8883, or tcp://host:1883 without TLS; blank for none
 * @param clientId     the console's MQTT client id (with the shipped ACL: its account name)
 * @param user         the broker account; blank for none
 * @param passwordFile the file holding the account's password
 * @param caFile       the CA that signed the broker's certificate (PEM); blank for the JDK's CAs
 * @param fingerprint  instead of a CA: the broker certificate's SHA-256 fingerprint
 */
public record BrokerPreferences(String url, String clientId, String user, String passwordFile, String caFile,
        String fingerprint) {

    public static final String NODE = "outpost.explorer.ui";
    public static final String URL = "broker.url";
    public static final String CLIENT_ID = "broker.clientId";
    public static final String USER = "broker.user";
    public static final String PASSWORD_FILE = "broker.passwordFile";
    public static final String CA_FILE = "broker.caFile";
    public static final String FINGERPRINT = "broker.fingerprint";

    /** How long the first connect to the broker may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public BrokerPreferences {
        url = strip(url);
        clientId = strip(clientId);
        user = strip(user);
        passwordFile = strip(passwordFile);
        caFile = strip(caFile);
        fingerprint = strip(fingerprint);
    }

    /** The values in effect now (instance scope over defaults). */
    public static BrokerPreferences current() {
        IPreferencesService service = Platform.getPreferencesService();
        if (service == null) {
            return new BrokerPreferences("", "", "", "", "", "");
        }
        return new BrokerPreferences(service.getString(NODE, URL, "", null), service.getString(NODE, CLIENT_ID, "", null),
                service.getString(NODE, USER, "", null), service.getString(NODE, PASSWORD_FILE, "", null),
                service.getString(NODE, CA_FILE, "", null), service.getString(NODE, FINGERPRINT, "", null));
    }

    public boolean configured() {
        return !url.isEmpty();
    }

    /**
     * The settings of the link; empty when no URL is set.
     *
     * @throws IllegalArgumentException saying what is wrong (a URL that is none, a missing client id, ...)
     */
    public Optional<BrokerSettings> settings() {
        if (!configured()) {
            return Optional.empty();
        }
        if (clientId.isEmpty()) {
            throw new IllegalArgumentException("the broker needs a client id for this console (with the shipped ACL: its account name)");
        }
        if (!caFile.isEmpty() && !fingerprint.isEmpty()) {
            throw new IllegalArgumentException("give the broker's CA file or its fingerprint, not both");
        }
        BrokerSettings settings = BrokerSettings.of(url, clientId);
        if (!user.isEmpty()) {
            if (passwordFile.isEmpty()) {
                throw new IllegalArgumentException("the broker account " + user + " needs its password file");
            }
            settings = settings.withAccount(user, Path.of(passwordFile));
        }
        if (!caFile.isEmpty()) {
            settings = settings.withCaFile(Path.of(caFile));
        }
        if (!fingerprint.isEmpty()) {
            settings = settings.withFingerprint(fingerprint);
        }
        return Optional.of(settings);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
