package reco.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import reco.cli.plot.ChartStyle;
import reco.cli.plot.ClusterMap;
import reco.cli.plot.Png;
import reco.cli.plot.RatingHistogram;
import reco.cli.plot.TrainingCurves;
import reco.engine.cluster.ClusterReport;
import reco.engine.cluster.DistinctiveGenres;
import reco.engine.cluster.ItemClustering;
import reco.engine.cluster.KMeansConfig;
import reco.cli.Popularity;
import reco.engine.data.Dataset;
import reco.engine.data.DatasetStats;
import reco.engine.data.Movie;
import reco.engine.data.RatingTable;
import reco.engine.model.EpochStats;
import reco.engine.model.LoadedModel;
import reco.engine.model.Manifest;
import reco.engine.model.MfModel;
import reco.engine.recommend.FoldIn;
import reco.engine.recommend.Recommender;
import reco.engine.recommend.Scored;
import reco.engine.recommend.SeenItems;
import reco.kernels.ComputeDevice;

/**
 * Computes what the report shows: statistics and pictures, clusters on the device, and lists from the
 * device's scoring op. The data must be the data the model was trained on (same ids).
 */
public final class ReportBuilder {
    /** Movies per list on the page. */
    static final int LIST = 8;
    /** Pixels of a chart shown in the page's wider column (about 650 CSS pixels): its text stays readable. */
    static final int HALF_WIDTH = 780;

    /**
     * What to compute.
     *
     * @param kmeans      clustering settings
     * @param minRatings  cluster only movies with at least this many ratings
     * @param clusterTop  titles and genres shown per cluster
     * @param users       sample user ids (missing ones are skipped; none found: the first users)
     * @param seeds       seed titles for the similar-movies lists (unmatched ones are skipped)
     * @param l2          fold-in L2 weight per rating
     */
    public record Options(KMeansConfig kmeans, int minRatings, int clusterTop, List<Long> users, List<String> seeds, double l2) {
    }

    private final ComputeDevice device;
    private final MfModel model;
    private final Manifest manifest;
    private final Dataset data;

    public ReportBuilder(ComputeDevice device, LoadedModel loaded, Dataset data) {
        this.device = device;
        this.model = loaded.model();
        this.manifest = loaded.manifest();
        this.data = data;
    }

    public Report build(Path modelDir, Options options) {
        DatasetStats stats = DatasetStats.of(data, 10);
        String name = data.folder().getFileName().toString();
        List<TrainingCurves.Epoch> epochs = TrainingCurves.fromManifest(manifest.trainingHistory());
        String curves = epochs.isEmpty() ? null : Png.dataUri(TrainingCurves.draw(epochs, HALF_WIDTH, 540));
        ItemClustering clustering = ItemClustering.of(device, model, data.ratings(), options.minRatings(), options.kmeans());
        List<ClusterReport.Cluster> summary = ClusterReport.summarise(clustering.result(), clustering.items(),
                clustering.popularity(), this::genresOf, options.clusterTop());
        SeenItems seen = SeenItems.of(data.ratings(), model.users());
        List<Long> seeds = seedIds(options.seeds(), stats);
        try (Recommender recommender = new Recommender(device, model)
                .skipRarelyRated(Popularity.perModelItem(data, model), Popularity.DEFAULT_MIN_RATINGS)) {
            return new Report(folderName(modelDir), manifest.created(), name,
                    device.info().name() + " (" + device.info().spec() + ")", stats,
                    Png.dataUri(RatingHistogram.draw(stats.histogram(), name, HALF_WIDTH, 500)), curves, training(),
                    manifest.hyperParameters(), manifest.metrics(),
                    Png.dataUri(ClusterMap.of(model, clustering, summary, data.catalog())),
                    clusters(clustering, summary), users(recommender, seen, options.users()),
                    similar(recommender, seeds), newUser(recommender, seeds, options.l2()));
        }
    }

    /** The model folder's own name: models/latest is a link, and the page should name what it points at. */
    private static String folderName(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            real = dir.toAbsolutePath().normalize();
        }
        return real.getFileName().toString();
    }

    /** Genres of the data's (and the model's) item index {@code item}. */
    private List<String> genresOf(int item) {
        return data.catalog().movie(data.items().idOf(item)).map(Movie::genres).orElse(List.of());
    }

    private Report.Movie movie(int item, double score) {
        return new Report.Movie(data.catalog().titleOf(model.itemIds().idOf(item)), genresOf(item), score);
    }

    private List<Report.Movie> movies(List<Scored> scored) {
        return scored.stream().map(s -> movie(s.item(), s.score())).toList();
    }

    private List<Report.Fact> training() {
        List<EpochStats> h = manifest.trainingHistory();
        List<Report.Fact> facts = new ArrayList<>();
        List<TrainingCurves.Epoch> epochs = TrainingCurves.fromManifest(h);
        long refits = epochs.stream().filter(TrainingCurves.Epoch::refit).count();
        facts.add(new Report.Fact("epochs run", refits == 0 ? String.valueOf(h.size())
                : (h.size() - refits) + " + " + refits + " refit"));
        epochs.stream().filter(e -> !e.refit() && !Double.isNaN(e.validationRmse()))
                .min(Comparator.comparingDouble(TrainingCurves.Epoch::validationRmse))
                .ifPresent(e -> facts.add(new Report.Fact("best epoch", e.epoch() + String.format(Locale.ROOT,
                        " (validation RMSE %.4f)", e.validationRmse()))));
        if (!h.isEmpty()) {
            facts.add(new Report.Fact("final train loss", String.format(Locale.ROOT, "%.4f", h.getLast().trainLoss())));
            facts.add(new Report.Fact("training time", String.format(Locale.ROOT, "%.1f s",
                    h.stream().mapToDouble(EpochStats::seconds).sum())));
        }
        facts.add(new Report.Fact("model", String.format(Locale.ROOT, "%s, %d factors, %,d users × %,d movies",
                model.biased() ? "biased MF" : "dot-product MF", model.factors(), model.users(), model.items())));
        return facts;
    }

    private List<Report.Cluster> clusters(ItemClustering clustering, List<ClusterReport.Cluster> summary) {
        List<List<DistinctiveGenres.Lift>> traits = DistinctiveGenres.of(clustering, this::genresOf, 3);
        List<Report.Cluster> out = new ArrayList<>();
        for (int j = 0; j < summary.size(); j++) {
            ClusterReport.Cluster c = summary.get(j);
            List<String> distinctive = traits.get(c.cluster()).stream()
                    .map(l -> String.format(Locale.ROOT, "%s ×%.1f", l.genre(), l.lift())).toList();
            List<String> dominant = c.genres().stream()
                    .map(g -> String.format(Locale.ROOT, "%s %.0f %%", g.genre(), 100 * g.share())).toList();
            List<String> top = Arrays.stream(c.top())
                    .mapToObj(i -> data.catalog().titleOf(data.items().idOf(i))).toList();
            out.add(new Report.Cluster(c.cluster() + 1, ChartStyle.hex(j), c.size(), distinctive, dominant, top));
        }
        return out;
    }

    private List<Report.User> users(Recommender recommender, SeenItems seen, List<Long> ids) {
        List<Integer> found = ids.stream().map(id -> model.userIds().indexOf(id)).filter(u -> u >= 0).toList();
        if (found.isEmpty()) {
            found = IntStream.range(0, Math.min(3, model.users())).boxed().toList();
        }
        List<Report.User> out = new ArrayList<>();
        for (int u : found) {
            List<Scored> recs = recommender.recommend(u, seen.of(u), LIST);
            out.add(new Report.User(model.userIds().idOf(u), seen.count(u), liked(u), movies(recs)));
        }
        return out;
    }

    /** The user's highest-rated movies, most-rated titles first among equal stars. */
    private List<Report.Movie> liked(int u) {
        RatingTable t = data.ratings();
        record Rated(int item, float stars) {
        }
        List<Rated> rated = new ArrayList<>();
        for (long r = 0; r < t.size(); r++) {
            if (t.user(r) == u) {
                rated.add(new Rated(t.item(r), t.rating(r)));
            }
        }
        return rated.stream().sorted(Comparator.comparingDouble((Rated x) -> -x.stars()).thenComparingInt(Rated::item))
                .limit(LIST).map(x -> movie(x.item(), x.stars())).toList();
    }

    /** The movies of the seed titles that the model has; none: the three most-rated. */
    private List<Long> seedIds(List<String> seeds, DatasetStats stats) {
        List<Long> ids = seeds.stream().map(s -> data.catalog().search(s, 1)).filter(h -> !h.isEmpty())
                .map(h -> h.getFirst().id()).filter(id -> model.itemIds().indexOf(id) >= 0).distinct()
                .collect(Collectors.toList());
        if (ids.isEmpty()) {
            stats.mostRated().stream().limit(3).map(DatasetStats.MovieCount::movieId)
                    .filter(id -> model.itemIds().indexOf(id) >= 0).forEach(ids::add);
        }
        return ids;
    }

    private List<Report.Similar> similar(Recommender recommender, List<Long> seeds) {
        return seeds.stream().map(id -> new Report.Similar(data.catalog().titleOf(id),
                movies(recommender.similar(model.itemIds().indexOf(id), LIST)))).toList();
    }

    /** A newcomer who gives the first seed 5 stars and the second 4, folded in; null without seeds. */
    private Report.NewUser newUser(Recommender recommender, List<Long> seeds, double l2) {
        if (seeds.isEmpty()) {
            return null;
        }
        float[] stars = Arrays.copyOf(new float[] {5f, 4f}, Math.min(2, seeds.size()));
        int[] items = new int[stars.length];
        List<Report.Movie> rated = new ArrayList<>();
        for (int j = 0; j < items.length; j++) {
            items[j] = model.itemIds().indexOf(seeds.get(j));
            rated.add(movie(items[j], stars[j]));
        }
        FoldIn.User user = new FoldIn(model, l2).fold(items, stars);
        int[] exclude = Arrays.stream(items).sorted().distinct().toArray();
        return new Report.NewUser(rated, movies(recommender.recommend(user, exclude, LIST)));
    }
}
