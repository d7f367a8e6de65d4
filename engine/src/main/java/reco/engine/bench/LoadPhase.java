package reco.engine.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import reco.engine.data.Dataset;
import reco.engine.data.LoadOptions;
import reco.engine.data.MovieLens;

/** Loads the MovieLens folder {@code dir} as every command does ({@link MovieLens#load}, default options). */
public record LoadPhase(String dir, long ratings) implements BenchPhase {

    @Override
    public String describe() {
        return "load ratings.csv of " + DataShape.label(ratings) + " ratings";
    }

    @Override
    public PhaseResult run(Consumer<String> progress) {
        long start = System.nanoTime();
        try (Dataset data = MovieLens.load(Path.of(dir), LoadOptions.defaults())) {
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.accept(String.format(Locale.ROOT, "  %s: %.2f s", describe(), seconds));
            return PhaseResult.ofFile(new PhaseResult.FileTiming("load", data.ratings().size(), data.users().size(),
                    data.items().size(), GeneratePhase.ratingsBytes(Path.of(dir)), seconds));
        }
    }
}
