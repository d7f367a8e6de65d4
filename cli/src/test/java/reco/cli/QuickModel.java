package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small model on the embedded ml-latest-small (16 factors, at most 8 epochs, seed 42), trained once per
 * test JVM into {@code target/quick-model} and shared by the tests of what reads a model folder.
 */
final class QuickModel {
    private static Path dir;

    private QuickModel() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createDirectories(Path.of("target")).resolve("quick-model").toAbsolutePath();
                Cli r = Cli.run("train", "--device", "java", "--factors", "16", "--epochs", "8", "--seed", "42",
                        "--out", d.toString());
                assertEquals(0, r.code(), r.toString());
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
