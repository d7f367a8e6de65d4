package reco.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reco.engine.data.Dataset;
import reco.engine.data.Movie;
import reco.engine.data.RatingTable;
import reco.engine.model.Manifest;
import reco.engine.model.MfModel;
import reco.engine.recommend.FoldIn;
import reco.engine.recommend.Recommender;
import reco.engine.train.TrainConfig;
import reco.kernels.ComputeDevice;

/**
 * {@code reco recommend --rate "Toy Story (1995)=5" --rate-id 6=4}: recommendations for someone who is
 * not in the model, from the ratings they give on the command line, by {@link FoldIn}.
 */
final class ColdStart {
    /** A rating given on the command line, resolved to a movie. */
    record Given(long movieId, String title, float stars) {
    }

    private ColdStart() {
    }

    /** Resolves {@code --rate TITLE=STARS} (titles matched as {@code similar} does) and {@code --rate-id ID=STARS}. */
    static List<Given> resolve(List<String> byTitle, List<String> byId, Dataset data) {
        float[] scale = scale(data.ratings());
        Map<Long, Given> out = new LinkedHashMap<>();
        for (String spec : byTitle) {
            String[] kv = split("--rate", spec, "\"Toy Story (1995)=5\"");
            List<Movie> hits = data.catalog().search(kv[0], 1);
            if (hits.isEmpty()) {
                throw new UsageException("--rate " + spec + ": no movie title matches '" + kv[0]
                        + "': try part of the title, e.g. --rate \"toy story=5\"");
            }
            add(out, new Given(hits.getFirst().id(), hits.getFirst().title(), stars("--rate", spec, kv[1], scale)));
        }
        for (String spec : byId) {
            String[] kv = split("--rate-id", spec, "1=5");
            long id;
            try {
                id = Long.parseLong(kv[0].strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--rate-id " + spec + ": '" + kv[0] + "' is not a movie id: write ID=STARS, e.g. --rate-id 1=5");
            }
            add(out, new Given(id, data.catalog().titleOf(id), stars("--rate-id", spec, kv[1], scale)));
        }
        return List.copyOf(out.values());
    }

    /** Folds the user in, prints what was understood and the top {@code n}. */
    static void recommend(PrintWriter out, ComputeDevice device, MfModel model, Manifest manifest, Dataset data,
                          List<Given> given, Double l2Flag, int n, int minRatings) {
        int[] items = new int[given.size()];
        float[] stars = new float[given.size()];
        for (int j = 0; j < items.length; j++) {
            Given g = given.get(j);
            items[j] = model.itemIds().indexOf(g.movieId());
            if (items[j] < 0) {
                throw new UsageException("movie " + g.movieId() + " (" + g.title() + ") has no rating in the model's "
                        + "training data, so it has no vector: rate another movie");
            }
            stars[j] = g.stars();
        }
        double l2 = l2Flag != null ? l2Flag : trainingL2(manifest);
        FoldIn foldIn;
        try {
            foldIn = new FoldIn(model, l2);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fold-in-l2: " + e.getMessage());
        }
        FoldIn.User user = foldIn.fold(items, stars);
        out.printf(Locale.ROOT, "A new user who rated %d movie%s (fold-in: ridge λ = %s × %d ratings = %s, user bias %+.2f):%n",
                given.size(), given.size() == 1 ? "" : "s", Text.fixed(l2, 3), given.size(),
                Text.fixed(foldIn.lambda(given.size()), 3), user.bias());
        for (Given g : given) {
            out.printf(Locale.ROOT, "  %-60s %.1f%n", Text.cut(g.title(), 60), g.stars());
        }
        int[] exclude = Arrays.stream(items).sorted().distinct().toArray();
        try (Recommender r = new Recommender(device, model).skipRarelyRated(Popularity.perModelItem(data, model), minRatings)) {
            out.printf("Top %d for them, predicted ratings:%n", n);
            Results.recommendations(out, r.recommend(user, exclude, n), model.itemIds(), data.catalog());
        }
    }

    /** The L2 weight the model was trained with (its manifest), else the training default. */
    static double trainingL2(Manifest manifest) {
        Object l2 = manifest.hyperParameters().get("l2");
        return l2 instanceof Number v ? v.doubleValue() : TrainConfig.defaults().l2();
    }

    private static void add(Map<Long, Given> out, Given g) {
        if (out.putIfAbsent(g.movieId(), g) != null) {
            throw new UsageException(g.title() + " is rated twice: give each movie once");
        }
    }

    private static String[] split(String flag, String spec, String example) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UsageException(flag + " " + spec + ": write MOVIE=STARS, e.g. " + flag + " " + example);
        }
        return new String[] {spec.substring(0, eq).strip(), spec.substring(eq + 1).strip()};
    }

    private static float stars(String flag, String spec, String value, float[] scale) {
        float v;
        try {
            v = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " " + spec + ": '" + value + "' is not a number of stars");
        }
        if (!(v >= scale[0] && v <= scale[1])) {
            throw new UsageException(String.format(Locale.ROOT, "%s %s: %s stars is outside the data's rating scale %s–%s",
                    flag, spec, value, Text.fixed(scale[0], 1), Text.fixed(scale[1], 1)));
        }
        return v;
    }

    /** The smallest and largest rating in the data. */
    private static float[] scale(RatingTable t) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (long r = 0; r < t.size(); r++) {
            min = Math.min(min, t.rating(r));
            max = Math.max(max, t.rating(r));
        }
        return t.size() == 0 ? new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY} : new float[] {min, max};
    }
}
