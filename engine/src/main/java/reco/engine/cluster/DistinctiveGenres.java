package reco.engine.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The genres that set a cluster apart: those whose share among the cluster's members is highest
 * relative to their share among all clustered movies (the lift). Dominant genres alone say little on
 * MovieLens, where Drama and Comedy lead almost every cluster.
 */
public final class DistinctiveGenres {
    /** A genre must tag at least this share of a cluster to count, so that one odd member is no trait. */
    public static final double MIN_SHARE = 0.15;

    /**
     * @param genre genre name
     * @param share share of the cluster's members carrying it
     * @param lift  {@code share} divided by its share among all clustered movies
     */
    public record Lift(String genre, double share, double lift) {
    }

    private DistinctiveGenres() {
    }

    /**
     * The {@code top} most distinctive genres of every cluster of {@code clustering}, by cluster number.
     *
     * @param genres genres of an item index
     */
    public static List<List<Lift>> of(ItemClustering clustering, IntFunction<List<String>> genres, int top) {
        int[] items = clustering.items();
        int[] assignment = clustering.result().assignment();
        int k = clustering.result().clusters();
        Map<String, Integer> all = new HashMap<>();
        List<Map<String, Integer>> perCluster = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            perCluster.add(new HashMap<>());
        }
        for (int p = 0; p < items.length; p++) {
            for (String g : genres.apply(items[p])) {
                all.merge(g, 1, Integer::sum);
                perCluster.get(assignment[p]).merge(g, 1, Integer::sum);
            }
        }
        int[] sizes = clustering.result().sizes();
        return IntStream.range(0, k).mapToObj(c -> perCluster.get(c).entrySet().stream()
                .map(e -> {
                    double share = (double) e.getValue() / sizes[c];
                    double base = (double) all.get(e.getKey()) / items.length;
                    return new Lift(e.getKey(), share, share / base);
                })
                .filter(l -> l.share() >= MIN_SHARE)
                .sorted(Comparator.comparingDouble(Lift::lift).reversed().thenComparing(Lift::genre))
                .limit(top)
                .toList()).toList();
    }
}
