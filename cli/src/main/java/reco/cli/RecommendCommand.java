package reco.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.data.Dataset;
import reco.engine.data.RatingTable;
import reco.engine.model.MfModel;
import reco.engine.recommend.Recommender;
import reco.kernels.ComputeDevice;

/** {@code reco recommend --user ID}: what a user should watch next. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Recommend movies for a user of a trained model, excluding the movies they rated.")
final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    DeviceOption device;

    @Option(names = "--user", paramLabel = "ID", required = true, description = "User id as in the ratings file.")
    long user;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "How many movies. Default: ${DEFAULT-VALUE}.")
    int count;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new UsageException("-n must be at least 1, was " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ModelOptions.Opened o = models.open(); ComputeDevice dev = device.open(device.choice())) {
            MfModel model = o.loaded().model();
            int u = model.userIds().indexOf(user);
            if (u < 0) {
                throw new UsageException("user " + user + " is not in the model (user ids run from "
                        + model.userIds().idOf(0) + " to " + model.userIds().idOf(model.users() - 1) + ")");
            }
            int[] seen = seenBy(user, o.dataset(), model);
            try (Recommender r = new Recommender(dev, model)) {
                out.printf("Top %d for user %d (who rated %d movies), predicted ratings:%n", count, user, seen.length);
                Results.recommendations(out, r.recommend(u, seen, count), model.itemIds(), o.dataset().catalog());
            }
        }
        return 0;
    }

    /** The model's item indices of the movies {@code userId} rated in {@code d}, ascending. */
    static int[] seenBy(long userId, Dataset d, MfModel model) {
        int du = d.users().indexOf(userId);
        if (du < 0) {
            return new int[0];
        }
        RatingTable t = d.ratings();
        return IntStream.range(0, (int) t.size()).filter(r -> t.user(r) == du)
                .map(r -> model.itemIds().indexOf(d.items().idOf(t.item(r))))
                .filter(i -> i >= 0).sorted().distinct().toArray();
    }
}
