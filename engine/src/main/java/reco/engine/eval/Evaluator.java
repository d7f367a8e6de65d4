package reco.engine.eval;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.IntStream;

import it.unimi.dsi.fastutil.ints.IntSet;

import reco.engine.data.RatingTable;
import reco.engine.model.DeviceModel;
import reco.engine.model.MfModel;
import reco.engine.recommend.Recommender;
import reco.engine.recommend.Scored;
import reco.engine.recommend.SeenItems;
import reco.engine.train.DeviceRatings;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;

/**
 * Test-set evaluation of a model on a device: error metrics over every test rating (unseen users
 * and items included, predicted from what is known), and ranking metrics at K where, for each test
 * user with a relevant test item (rating ≥ threshold), the candidates are the items the user did
 * not rate in training.
 */
public final class Evaluator {
    private final ComputeDevice device;

    public Evaluator(ComputeDevice device) {
        this.device = device;
    }

    /** RMSE, MAE and ranking metrics at {@code k} of {@code model} on {@code test}, given its {@code train}. */
    public Evaluation evaluate(MfModel model, RatingTable train, RatingTable test, int k, float threshold) {
        float[] predicted = predict(model, test);
        float[] actual = new float[predicted.length];
        MemorySegment.copy(test.ratings(), ValueLayout.JAVA_FLOAT, 0, actual, 0, actual.length);
        RankingMetrics.Result ranking = rank(model, train, test, k, threshold);
        ErrorMetrics errors = ErrorMetrics.of(predicted, actual);
        return new Evaluation(errors.rmse(), errors.mae(), ranking, test.size(), k, threshold);
    }

    /** Device predictions for every row of {@code table}. */
    public float[] predict(MfModel model, RatingTable table) {
        if (table.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many ratings to evaluate in one table: " + table.size());
        }
        try (Arena arena = Arena.ofConfined(); // call scope: staging for the predictions
             DeviceModel params = DeviceModel.upload(device, model);
             DeviceRatings ratings = new DeviceRatings(device, table);
             DeviceBuffer out = device.allocate(Math.max(1, table.size()) * Float.BYTES)) {
            device.predict(params.view(), ratings.view(), 0, table.size(), out);
            MemorySegment host = arena.allocate(Math.max(1, table.size()) * Float.BYTES, 64);
            device.read(out, 0, host);
            float[] p = new float[(int) table.size()];
            MemorySegment.copy(host, ValueLayout.JAVA_FLOAT, 0, p, 0, p.length);
            return p;
        }
    }

    private RankingMetrics.Result rank(MfModel model, RatingTable train, RatingTable test, int k, float threshold) {
        SeenItems seen = SeenItems.of(train, model.users());
        IntSet[] relevant = RankingMetrics.relevantItems(test, model.users(), threshold);
        int[] ids = IntStream.range(0, model.users()).filter(u -> !relevant[u].isEmpty()).toArray();
        int[][] exclude = new int[ids.length][];
        IntSet[] rel = new IntSet[ids.length];
        for (int j = 0; j < ids.length; j++) {
            exclude[j] = seen.of(ids[j]);
            rel[j] = relevant[ids[j]];
        }
        try (Recommender recommender = new Recommender(device, model)) {
            List<List<Scored>> top = recommender.recommend(ids, exclude, k);
            int[][] ranked = new int[ids.length][];
            for (int j = 0; j < ids.length; j++) {
                ranked[j] = top.get(j).stream().mapToInt(Scored::item).toArray();
            }
            return RankingMetrics.evaluate(ranked, rel, k);
        }
    }
}
