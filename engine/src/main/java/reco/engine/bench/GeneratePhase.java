package reco.engine.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** Writes a MovieLens folder of {@code shape}'s ratings into {@code dir}, as {@code reco generate} does. */
public record GeneratePhase(String dir, DataShape shape, long seed) implements BenchPhase {

    @Override
    public String describe() {
        return "generate ratings.csv of " + shape.label() + " ratings";
    }

    @Override
    public PhaseResult run(Consumer<String> progress) {
        long start = System.nanoTime();
        shape.write(Path.of(dir), seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.accept(String.format(Locale.ROOT, "  %s: %.2f s", describe(), seconds));
        return PhaseResult.ofFile(new PhaseResult.FileTiming("generate", shape.ratings(), shape.users(), shape.items(),
                ratingsBytes(Path.of(dir)), seconds));
    }

    static long ratingsBytes(Path dir) {
        try {
            return Files.size(dir.resolve("ratings.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + dir.resolve("ratings.csv"), e);
        }
    }
}
