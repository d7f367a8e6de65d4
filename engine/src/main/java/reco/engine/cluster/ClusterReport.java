package reco.engine.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What each cluster holds, for people: its size, its most-rated members and the genres that
 * dominate it (the share of its members carrying each genre, highest first).
 */
public final class ClusterReport {

    /** One genre's share of a cluster's members. */
    public record GenreShare(String genre, double share) {
    }

    /**
     * @param cluster  0-based cluster number
     * @param size     members
     * @param top      the most-rated members (item indices), most-rated first
     * @param genres   dominant genres, largest share first
     */
    public record Cluster(int cluster, int size, int[] top, List<GenreShare> genres) {
    }

    private ClusterReport() {
    }

    /**
     * @param result     k-means over the vectors of {@code items}
     * @param items      the item index of each clustered point
     * @param popularity rating count per item index (ranks the members)
     * @param genres     genres of an item index
     * @param topN       members and genres to keep per cluster
     * @return clusters largest first
     */
    public static List<Cluster> summarise(KMeansResult result, int[] items, int[] popularity,
                                          IntFunction<List<String>> genres, int topN) {
        int k = result.clusters();
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        int[] a = result.assignment();
        for (int p = 0; p < a.length; p++) {
            members.get(a[p]).add(items[p]);
        }
        List<Cluster> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            List<Integer> m = members.get(c);
            m.sort(Comparator.comparingInt((Integer i) -> -popularity[i]).thenComparingInt(i -> i));
            int[] top = m.stream().limit(topN).mapToInt(Integer::intValue).toArray();
            out.add(new Cluster(c, m.size(), top, genreShares(m, genres, topN)));
        }
        out.sort(Comparator.comparingInt((Cluster c) -> -c.size()).thenComparingInt(Cluster::cluster));
        return out;
    }

    private static List<GenreShare> genreShares(List<Integer> members, IntFunction<List<String>> genres, int topN) {
        Map<String, Integer> counts = new HashMap<>();
        for (int item : members) {
            for (String g : genres.apply(item)) {
                counts.merge(g, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(topN)
                .map(e -> new GenreShare(e.getKey(), (double) e.getValue() / members.size()))
                .toList();
    }
}
