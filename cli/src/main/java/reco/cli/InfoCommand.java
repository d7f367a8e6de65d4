package reco.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.cli.plot.Png;
import reco.cli.plot.RatingHistogram;
import reco.engine.data.Dataset;
import reco.engine.data.DatasetStats;
import reco.engine.data.MovieLens;

/** {@code reco info}: the data set's statistics. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a MovieLens data set: first rows, users, movies, sparsity, rating histogram, most-rated movies.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Most-rated movies to list. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw the rating histogram into this PNG file.")
    Path plot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Dataset d = MovieLens.load(data.dir(), data.loadOptions())) {
            DatasetStats s = DatasetStats.of(d, top);
            DataSummary.loaded(out, d);
            DataSummary.notebookView(out, d, s, 5);
            DataSummary.histogram(out, s);
            DataSummary.mostRated(out, s);
            if (plot != null) {
                Png.write(plot, RatingHistogram.draw(s.histogram(), d.folder().getFileName().toString()));
                out.println();
                out.println("Rating histogram drawn to " + plot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
