package outpost.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a file's bytes, to tell whether a file is still the version a change was based
 * on. {@link #ABSENT} stands for a file that does not exist.
 */
public record ContentHash(String hex) {

    /** The version of a file that does not exist. */
    public static final ContentHash ABSENT = new ContentHash("absent");

    public ContentHash {
        Objects.requireNonNull(hex, "hex");
    }

    public static ContentHash of(byte[] content) {
        try {
            return new ContentHash(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash of the file as it is now on disk; {@link #ABSENT} when there is no such file. */
    public static ContentHash ofFile(Path file) throws IOException {
        try {
            return of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return ABSENT;
        }
    }
}
