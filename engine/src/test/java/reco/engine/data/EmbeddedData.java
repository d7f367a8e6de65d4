package reco.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's embedded {@code data/ml-latest-small}, whichever module folder tests run in. */
final class EmbeddedData {
    private EmbeddedData() {
    }

    static Path mlLatestSmall() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("data").resolve("ml-latest-small");
            if (Files.isRegularFile(candidate.resolve("ratings.csv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/ml-latest-small not found above " + Path.of("").toAbsolutePath());
    }
}
