package reco.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.data.Dataset;
import reco.engine.model.MfModel;
import reco.engine.recommend.Recommender;
import reco.engine.recommend.SeenItems;
import reco.kernels.ComputeDevice;

/**
 * {@code reco recommend}: what a user of the model should watch next ({@code --user}), what a new user
 * should ({@code --rate}, {@code --rate-id}: fold-in, no retraining), or every user's list as CSV
 * ({@code --all-users}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend movies, excluding the movies rated: for a user of a trained model (--user), "
                + "for a new user from a few ratings (--rate, --rate-id), or for every user as CSV (--all-users)."})
final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    DeviceOption device;

    @Option(names = "--user", paramLabel = "ID", description = "User id as in the ratings file.")
    Long user;

    @Option(names = "--rate", paramLabel = "TITLE=STARS",
            description = "A new user's rating of a movie found by title, as for 'similar' (repeat it: --rate \"Toy Story (1995)=5\" --rate \"Heat=4\").")
    List<String> rate = new ArrayList<>();

    @Option(names = "--rate-id", paramLabel = "ID=STARS", description = "A new user's rating of a movie by id (repeat it: --rate-id 1=5).")
    List<String> rateId = new ArrayList<>();

    @Option(names = "--fold-in-l2", paramLabel = "L2",
            description = "Ridge weight per rating for a new user's vector (λ = L2 × ratings). Default: the model's training L2.")
    Double foldInL2;

    @Option(names = "--all-users", description = "Top N for every user of the model, as CSV: user_id,rank,movie_id,score,title.")
    boolean allUsers;

    @Option(names = "--out", paramLabel = "FILE", description = "With --all-users: write the CSV here (atomically). Default: standard output.")
    Path out;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "" + Popularity.DEFAULT_MIN_RATINGS,
            description = "Suggest only movies with at least N ratings in the data (0: all). Default: ${DEFAULT-VALUE}.")
    int minRatings;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "How many movies. Default: ${DEFAULT-VALUE}.")
    int count;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new UsageException("-n must be at least 1, was " + count);
        }
        if (minRatings < 0) {
            throw new UsageException("--min-ratings must be 0 or more, was " + minRatings);
        }
        boolean newUser = !rate.isEmpty() || !rateId.isEmpty();
        if ((user != null ? 1 : 0) + (newUser ? 1 : 0) + (allUsers ? 1 : 0) != 1) {
            throw new UsageException("give one of --user ID, --rate TITLE=STARS / --rate-id ID=STARS (a new user), or --all-users");
        }
        if (out != null && !allUsers) {
            throw new UsageException("--out goes with --all-users");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (ModelOptions.Opened o = models.open(); ComputeDevice dev = device.open(device.choice())) {
            MfModel model = o.loaded().model();
            if (allUsers) {
                BatchOutput.write(out, stdout, spec.commandLine().getErr(), dev, model, o.dataset(), count, minRatings);
            } else if (newUser) {
                ColdStart.recommend(stdout, dev, model, o.loaded().manifest(), o.dataset(),
                        ColdStart.resolve(rate, rateId, o.dataset()), foldInL2, count, minRatings);
            } else {
                forUser(stdout, dev, model, o.dataset());
            }
        }
        return 0;
    }

    private void forUser(PrintWriter out, ComputeDevice dev, MfModel model, Dataset data) {
        int u = model.userIds().indexOf(user);
        if (u < 0) {
            throw new UsageException("user " + user + " is not in the model (user ids run from "
                    + model.userIds().idOf(0) + " to " + model.userIds().idOf(model.users() - 1) + ")");
        }
        int[] seen = SeenItems.of(data.ratings(), data.users(), data.items(), model.userIds(), model.itemIds()).of(u);
        try (Recommender r = new Recommender(dev, model).skipRarelyRated(Popularity.perModelItem(data, model), minRatings)) {
            out.printf("Top %d for user %d (who rated %d movies), predicted ratings:%n", count, user, seen.length);
            Results.recommendations(out, r.recommend(u, seen, count), model.itemIds(), data.catalog());
        }
    }
}
