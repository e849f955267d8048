package outpost.agent.internal.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Finds programs on the PATH. */
final class Executables {

    private Executables() {
    }

    /** A lookup of program names (with any of the given suffixes) in the directories of PATH. */
    static Function<String, Optional<Path>> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return name -> {
            for (String directory : path.split(File.pathSeparator)) {
                if (directory.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        };
    }
}
