package reco.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import reco.engine.cluster.ClusterReport;
import reco.engine.cluster.ItemClustering;
import reco.engine.data.Catalog;
import reco.engine.data.Dataset;
import reco.engine.data.IdIndex;
import reco.engine.data.Movie;
import reco.engine.data.RatingTable;
import reco.engine.eval.Evaluation;
import reco.engine.model.MfModel;
import reco.engine.recommend.Recommender;
import reco.engine.recommend.Scored;
import reco.engine.recommend.SeenItems;
import reco.engine.train.TrainResult;
import reco.kernels.ComputeDevice;

/** Printing of training results: metrics, clusters, sample recommendations, the JSON summary. */
final class Results {
    private Results() {
    }

    static void evaluation(PrintWriter out, Evaluation e, double testShare) {
        out.println();
        if (e == null) {
            out.println("Test: none (no test split; pass --test-fraction 0.2 to hold ratings out)");
            return;
        }
        out.printf("Test (%s ratings): RMSE %.4f  MAE %.4f  precision@%d %.4f  recall@%d %.4f  NDCG@%d %.4f  (%d users ranked)%n",
                Text.count(e.testRatings()), e.rmse(), e.mae(), e.k(), e.ranking().precision(), e.k(),
                e.ranking().recall(), e.k(), e.ranking().ndcg(), e.ranking().users());
    }

    static void clusters(PrintWriter out, ItemClustering c, Dataset d, int top) {
        List<ClusterReport.Cluster> report = ClusterReport.summarise(c.result(), c.items(), c.popularity(),
                i -> d.catalog().movie(d.items().idOf(i)).map(Movie::genres).orElse(List.of()), top);
        out.println();
        out.printf("Clusters: k-means of %s movie vectors (movies with ≥ %s ratings), %d clusters, inertia %.2f after %d iterations%n",
                Text.count(c.items().length), Text.count(minOf(c)), c.result().clusters(), c.result().inertia(),
                c.result().iterations());
        for (ClusterReport.Cluster cl : report) {
            String genres = cl.genres().stream().map(g -> g.genre() + " " + Math.round(100 * g.share()) + "%")
                    .collect(Collectors.joining(", "));
            out.printf("  #%-2d %5s movies  %s%n", cl.cluster() + 1, Text.count(cl.size()), genres);
            for (int item : cl.top()) {
                out.printf("        %s%n", d.catalog().titleOf(d.items().idOf(item)));
            }
        }
    }

    private static int minOf(ItemClustering c) {
        int min = Integer.MAX_VALUE;
        for (int i : c.items()) {
            min = Math.min(min, c.popularity()[i]);
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    static void sampleRecommendations(PrintWriter out, ComputeDevice dev, MfModel model, Dataset d, RatingTable seen,
                                      long userId, int n) {
        int u = d.users().indexOf(userId);
        if (u < 0) {
            u = 0;
            userId = d.users().idOf(0);
        }
        int[] exclude = SeenItems.of(d.ratings(), model.users()).of(u);
        try (Recommender r = new Recommender(dev, model).skipRarelyRated(Popularity.perModelItem(d, model), Popularity.DEFAULT_MIN_RATINGS)) {
            out.println();
            out.printf("Top %d for user %d (who rated %d movies; movies with at least %d ratings):%n", n, userId,
                    exclude.length, Popularity.DEFAULT_MIN_RATINGS);
            recommendations(out, r.recommend(u, exclude, n), model.itemIds(), d.catalog());
        }
    }

    /** Ranked items of a model, with titles from {@code catalog}. */
    static void recommendations(PrintWriter out, List<Scored> list, IdIndex itemIds, Catalog catalog) {
        int rank = 1;
        for (Scored s : list) {
            long id = itemIds.idOf(s.item());
            out.printf("  %2d. %-60s %.2f%n", rank++, Text.cut(catalog.titleOf(id), 60), s.score());
        }
    }

    static Map<String, Double> metrics(TrainResult result, Evaluation e) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (e != null) {
            m.put("test_rmse", e.rmse());
            m.put("test_mae", e.mae());
            m.put("precision_at_" + e.k(), e.ranking().precision());
            m.put("recall_at_" + e.k(), e.ranking().recall());
            m.put("ndcg_at_" + e.k(), e.ranking().ndcg());
        }
        m.put("final_train_loss", result.history().getLast().trainLoss());
        m.put("train_seconds", result.trainSeconds());
        return m;
    }

    static void json(PrintWriter out, TrainResult result, Evaluation e, Dataset d, ComputeDevice dev, Path dir) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("test_rmse", e == null ? null : e.rmse());
        j.put("test_mae", e == null ? null : e.mae());
        int k = e == null ? 10 : e.k();
        j.put("precision_at_" + k, e == null ? null : e.ranking().precision());
        j.put("recall_at_" + k, e == null ? null : e.ranking().recall());
        j.put("ndcg_at_" + k, e == null ? null : e.ranking().ndcg());
        j.put("epochs_run", result.epochsRun());
        j.put("best_epoch", result.bestEpoch());
        j.put("final_train_loss", result.history().getLast().trainLoss());
        j.put("train_seconds", result.trainSeconds());
        j.put("epoch_seconds", result.medianEpochSeconds());
        j.put("load_seconds", d.report().seconds());
        j.put("device", dev.info().spec());
        j.put("device_name", dev.info().name());
        j.put("ratings", d.ratings().size());
        j.put("users", d.users().size());
        j.put("items", d.items().size());
        j.put("model_dir", dir.toString());
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
            out.flush();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the JSON summary", ex);
        }
    }
}
