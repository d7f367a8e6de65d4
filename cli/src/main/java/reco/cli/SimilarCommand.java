package reco.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.data.Movie;
import reco.engine.model.MfModel;
import reco.engine.recommend.Recommender;
import reco.engine.recommend.Scored;
import reco.kernels.ComputeDevice;

/** {@code reco similar --movie "toy story"}: movies whose vectors point the same way. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Movies most similar to a movie (cosine of the model's movie vectors).")
final class SimilarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    DeviceOption device;

    @Option(names = "--movie", paramLabel = "TITLE", description = "Title or part of it, any case (\"toy story\", \"matrix\").")
    String title;

    @Option(names = "--movie-id", paramLabel = "ID", description = "Movie id as in the data set.")
    Long movieId;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "" + Popularity.DEFAULT_MIN_RATINGS,
            description = "List only movies with at least N ratings in the data (0: all). Default: ${DEFAULT-VALUE}.")
    int minRatings;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "How many movies. Default: ${DEFAULT-VALUE}.")
    int count;

    @Override
    public Integer call() {
        if ((title == null) == (movieId == null)) {
            throw new UsageException("give the movie by --movie TITLE or --movie-id ID");
        }
        if (count < 1) {
            throw new UsageException("-n must be at least 1, was " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ModelOptions.Opened o = models.open(); ComputeDevice dev = device.open(device.choice())) {
            MfModel model = o.loaded().model();
            long id = movieId != null ? movieId : find(o, title);
            int item = model.itemIds().indexOf(id);
            if (item < 0) {
                throw new UsageException("movie " + id + " (" + o.dataset().catalog().titleOf(id)
                        + ") has no rating in the model's training data, so it has no vector");
            }
            try (Recommender r = new Recommender(dev, model)
                    .skipRarelyRated(Popularity.perModelItem(o.dataset(), model), minRatings)) {
                List<Scored> similar = r.similar(item, count);
                out.printf("Most similar to %s (cosine):%n", o.dataset().catalog().titleOf(id));
                Results.recommendations(out, similar, model.itemIds(), o.dataset().catalog());
            }
        }
        return 0;
    }

    private static long find(ModelOptions.Opened o, String query) {
        List<Movie> hits = o.dataset().catalog().search(query, 5);
        if (hits.isEmpty()) {
            throw new UsageException("no movie title matches '" + query + "': try part of the title, e.g. --movie \"toy story\"");
        }
        return hits.getFirst().id();
    }
}
