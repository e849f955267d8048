import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the agent product: removes the jar signatures of the jars that the Equinox launcher
 * loads with its own class loader (the framework and the launcher). The JVM never puts classes of
 * signed jars into a class-data archive, and those are about 470 classes that every agent start
 * loads and verifies: unsigned, the agent's archive holds them too (faster start, less memory).
 * Bundles are loaded by the framework, which checks no signatures, so theirs stay.
 *
 * Usage: java StripJarSignatures.java DIR JAR_NAME_PREFIX...   (every matching jar under DIR)
 */
public final class StripJarSignatures {

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java StripJarSignatures.java DIR JAR_NAME_PREFIX...");
            System.exit(2);
        }
        List<String> prefixes = List.of(args).subList(1, args.length);
        int stripped = 0;
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            for (Path jar : (Iterable<Path>) files::iterator) {
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && prefixes.stream().anyMatch(name::startsWith) && strip(jar)) {
                    stripped++;
                }
            }
        }
        System.out.println("StripJarSignatures: " + stripped + " jar(s) unsigned under " + args[0]);
    }

    /** Rewrites the jar without its signature files; false when it had none. */
    static boolean strip(Path jar) throws IOException {
        Path unsigned = jar.resolveSibling(jar.getFileName() + ".unsigned");
        boolean removed = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(unsigned))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (isSignatureFile(entry.getName())) {
                    removed = true;
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        if (removed) {
            Files.move(unsigned, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(unsigned);
        }
        return removed;
    }

    /** META-INF/*.SF and its signature block (.RSA, .DSA, .EC), as the jar specification names them. */
    static boolean isSignatureFile(String entry) {
        String upper = entry.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }
}
