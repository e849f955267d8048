package outpost.files;

import java.io.IOException;
import java.nio.file.Path;

/** A file was not replaced because it no longer holds the version the new content was based on. */
public final class FileChangedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FileChangedException(Path file) {
        super(file + " was changed by someone else since it was read");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
