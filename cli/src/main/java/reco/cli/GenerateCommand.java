package reco.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.data.Synthetic;

/** {@code reco generate}: a MovieLens-shaped synthetic data set with a planted low-rank structure. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic MovieLens-shaped data set (ratings.csv + movies.csv) with a planted low-rank structure, for scale tests.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write.")
    Path out;

    @Option(names = "--ratings", paramLabel = "N", defaultValue = "1000000", description = "Ratings. Default: ${DEFAULT-VALUE}.")
    long ratings;

    @Option(names = "--users", paramLabel = "N", defaultValue = "10000", description = "Users. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--movies", paramLabel = "N", defaultValue = "5000", description = "Movies. Default: ${DEFAULT-VALUE}.")
    int movies;

    @Option(names = "--rank", paramLabel = "R", defaultValue = "8", description = "Rank of the planted structure. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        if (ratings < 1 || users < 1 || movies < 1 || rank < 1) {
            throw new UsageException("--ratings, --users, --movies and --rank must all be at least 1");
        }
        long start = System.nanoTime();
        Synthetic.generate(out, users, movies, ratings, rank, seed);
        spec.commandLine().getOut().printf("Wrote %s ratings of %s users × %s movies (rank %d, seed %d) to %s in %s%n",
                Text.count(ratings), Text.count(users), Text.count(movies), rank, seed, out,
                Text.seconds((System.nanoTime() - start) / 1e9));
        return 0;
    }
}
