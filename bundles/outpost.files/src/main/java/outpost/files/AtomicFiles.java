package outpost.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a crash or a full disk never leaves a half-written one: a temporary file
 * beside the target, forced to disk, then renamed over it. A replaced file keeps its permissions,
 * owner and group (where the file system has POSIX attributes and the user may set them); a new
 * file is readable by all ({@code rw-r--r--}) unless it holds secrets, which are readable by their
 * owner only from the first byte on.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What to write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces the file (or creates it) whatever it holds now.
     *
     * @param ownerOnly whether the file holds secrets: then it is made owner read/write only
     */
    public static void write(Path file, boolean ownerOnly, Content content) throws IOException {
        write(file, ownerOnly, null, content);
    }

    /**
     * Replaces the file only if it still is the version the content was based on: the file on disk
     * is compared with {@code expected} just before the rename.
     *
     * @param expected the hash of the version read, {@link ContentHash#ABSENT} if there was no file
     * @throws FileChangedException when the file is another version now; it is left as it is
     */
    public static void replace(Path file, ContentHash expected, Content content) throws IOException {
        write(file, false, expected, content);
    }

    private static void write(Path file, boolean ownerOnly, ContentHash expected, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                if (ownerOnly) {
                    restrictToOwner(temporary);
                }
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (expected != null && !expected.equals(ContentHash.ofFile(target))) {
                throw new FileChangedException(target);
            }
            if (!ownerOnly) {
                copyAttributes(target, temporary); // a temporary file starts as rw-------
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Gives {@code to} the permissions, owner and group of {@code from} (as far as this user may),
     * or those of a new file when {@code from} does not exist: a replacement, or a copy kept beside a
     * file, is then readable by the same people as the file.
     */
    public static void copyAttributes(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view == null) {
            return; // Windows: the folder's ACLs apply to the new file as to the old one
        }
        PosixFileAttributes old;
        try {
            old = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            view.setPermissions(NEW_FILE);
            return;
        }
        if (!old.group().equals(view.readAttributes().group())) {
            try {
                view.setGroup(old.group());
            } catch (IOException e) {
                // not a member of the file's group: the file takes the user's group, as any editor would do
            }
        }
        if (!old.owner().equals(view.getOwner())) {
            try {
                view.setOwner(old.owner());
            } catch (IOException e) {
                // only root may give a file away; the user who may write the folder becomes its owner
            }
        }
        view.setPermissions(old.permissions()); // after chown, which may clear set-id bits
    }

    /** Owner read/write only, where the file system has POSIX permissions. */
    public static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // Windows: the user profile's ACLs protect the data folder
        }
    }
}
