package outpost.tcnative;

import java.util.Locale;

/**
 * Loads netty-tcnative's BoringSSL library through the framework's {@code Bundle-NativeCode}, from a
 * platform fragment (outpost.tcnative.OS.ARCH) beside this one.
 * <p>
 * Why a class in a fragment of {@code io.netty.tcnative-classes}: a JNI library belongs to the class
 * loader of the class that loads it, and tcnative's natives are registered against its own classes,
 * so the library must be loaded from the host's class loader. Netty does that by defining a helper
 * class in that loader through reflection, which Java 17 refuses without
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}; it then copies the library to
 * {@code io.netty.native.workdir} (/tmp), which fails where /tmp is noexec. This class is in the
 * host's loader already: the framework finds the library in the platform fragment, which is
 * installed as a folder, so the file is mapped from the install itself, read-only or not. Once it is
 * loaded, Netty's {@code OpenSsl} finds tcnative initialised.
 */
public final class BoringSslLibrary {

    private BoringSslLibrary() {
    }

    /**
     * Loads the library of this platform (once per class loader; again is harmless).
     *
     * @return the library's name, e.g. {@code netty_tcnative_linux_x86_64}
     * @throws UnsatisfiedLinkError when no fragment of this platform is installed, or it cannot load
     */
    public static String load() {
        String name = libraryName(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        System.loadLibrary(name);
        return name;
    }

    /** The name netty-tcnative-boringssl-static gives its library on a platform (as Netty's loader does). */
    static String libraryName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String platform = os.startsWith("windows") ? "windows" : os.startsWith("mac") || os.startsWith("darwin") ? "osx" : os.replace(' ', '_');
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return "netty_tcnative_" + platform + "_" + arch;
    }
}
