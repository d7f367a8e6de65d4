package reco.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the embedded MovieLens copy lives: {@code $RECO_HOME/data/ml-latest-small} (the launcher sets
 * {@code reco.home}), else the first {@code data/ml-latest-small} found from the working directory up.
 */
final class EmbeddedData {
    static final String NAME = "ml-latest-small";

    private EmbeddedData() {
    }

    static Path dir() {
        String home = System.getProperty("reco.home");
        if (home != null) {
            return Path.of(home, "data", NAME);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("data").resolve(NAME);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("data", NAME);
    }
}
