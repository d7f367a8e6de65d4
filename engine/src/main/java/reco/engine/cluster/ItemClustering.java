package reco.engine.cluster;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

import reco.engine.data.RatingTable;
import reco.engine.model.MfModel;
import reco.kernels.ComputeDevice;

/**
 * k-means of a model's item vectors. Only items with at least {@code minRatings} ratings take part:
 * the vector of a movie rated once or twice is mostly its random start and its few raters' taste,
 * and such movies would crowd every cluster with noise.
 *
 * @param items      the item index of each clustered point
 * @param popularity ratings per item index (all items)
 * @param result     the clustering of {@code items}
 */
public record ItemClustering(int[] items, int[] popularity, KMeansResult result) {

    public static ItemClustering of(ComputeDevice device, MfModel model, RatingTable ratings, int minRatings,
                                    KMeansConfig config) {
        int[] popularity = new int[model.items()];
        for (long r = 0; r < ratings.size(); r++) {
            popularity[ratings.item(r)]++;
        }
        int[] items = IntStream.range(0, model.items()).filter(i -> popularity[i] >= minRatings).toArray();
        if (items.length < config.clusters()) {
            throw new IllegalArgumentException(items.length + " movies have at least " + minRatings
                    + " ratings, too few for " + config.clusters() + " clusters: lower --clusters or --min-ratings");
        }
        int k = model.factors();
        float[] points = new float[items.length * k];
        MemorySegment q = model.itemFactors();
        for (int p = 0; p < items.length; p++) {
            MemorySegment.copy(q, ValueLayout.JAVA_FLOAT, (long) items[p] * k * Float.BYTES, points, p * k, k);
        }
        KMeansResult result = new KMeans(device, config).fit(points, k);
        return new ItemClustering(items, popularity, result);
    }
}
