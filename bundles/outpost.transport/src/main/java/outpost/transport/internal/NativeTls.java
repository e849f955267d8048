package outpost.transport.internal;

import io.netty.handler.ssl.OpenSsl;
import outpost.tcnative.BoringSslLibrary;

/**
 * Whether BoringSSL (netty-tcnative) runs in this JVM, decided once. Under OSGi the library is
 * loaded by outpost.tcnative from the platform fragment before Netty's {@link OpenSsl} looks for it
 * (its own loader needs {@code --add-opens} or an executable /tmp); on a plain class path, where that
 * fragment is absent, Netty loads the library from tcnative's jar itself.
 */
public final class NativeTls {

    private static final System.Logger LOG = System.getLogger(NativeTls.class.getName());

    /**
     * @param name what runs, e.g. {@code BoringSSL (netty-tcnative 2.0.84)}, when available
     * @param why  why it does not, when not
     */
    public record Availability(boolean available, String name, String why) {
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probe();
    }

    private NativeTls() {
    }

    public static Availability availability() {
        return Holder.AVAILABILITY;
    }

    private static Availability probe() {
        String loadFailure = loadFromFragment();
        if (OpenSsl.isAvailable()) {
            Availability available = new Availability(true, OpenSsl.versionString() + " (netty-tcnative " + tcnativeVersion() + ")", null);
            LOG.log(System.Logger.Level.DEBUG, "native TLS engine: " + available.name());
            return available;
        }
        // Ours says it best when the fragment is missing; Netty's cause when the library itself failed.
        String why = loadFailure != null ? loadFailure : String.valueOf(OpenSsl.unavailabilityCause());
        LOG.log(System.Logger.Level.INFO, "native TLS engine not available: " + why);
        return new Availability(false, null, why);
    }

    /** Loads the library through the fragment; null when loaded or when there is no fragment (class path). */
    private static String loadFromFragment() {
        try {
            BoringSslLibrary.load();
            return null;
        } catch (NoClassDefFoundError noLoader) {
            return null;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return "no BoringSSL library for this platform is installed (outpost.tcnative." + platform() + "): " + e.getMessage();
        }
    }

    private static String platform() {
        return System.getProperty("osgi.os", System.getProperty("os.name")) + "." + System.getProperty("osgi.arch", System.getProperty("os.arch"));
    }

    /** tcnative's version as its jar's manifest says (2.0.84 for 2.0.84.Final). */
    private static String tcnativeVersion() {
        String version = io.netty.internal.tcnative.SSL.class.getPackage().getImplementationVersion();
        if (version == null) {
            return "version unknown";
        }
        return version.endsWith(".Final") ? version.substring(0, version.length() - ".Final".length()) : version;
    }
}
