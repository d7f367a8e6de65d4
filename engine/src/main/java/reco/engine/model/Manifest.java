package reco.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code manifest.json} says about a saved model: how it was trained, on what, how well, and the
 * size and SHA-256 of the {@code model.safetensors} beside it. JSON names are snake_case.
 *
 * <p>To extend it, add a component: older manifests read it as null (or 0), and unknown names are
 * ignored, so a change that old readers may skip needs no new {@link #CURRENT_FORMAT_VERSION}; a change
 * they must not skip (a new tensor, a new meaning) does.
 *
 * @param formatVersion   the folder's format version; {@link ModelFiles} reads only {@link #CURRENT_FORMAT_VERSION}
 * @param created         when the model was saved, ISO-8601 UTC
 * @param seed            the training seed
 * @param dataFingerprint what the model was trained on (see {@link DataFingerprint})
 * @param hyperParameters training settings by name; values are JSON scalars
 * @param metrics         evaluation results by name (rmse, mae, precision@10, ...)
 * @param trainingHistory one entry per epoch, in order
 * @param biased          whether the biases take part in predictions
 * @param factors         latent factors per user and item
 * @param users           rows of the user tensors
 * @param items           rows of the item tensors
 * @param modelSha256     SHA-256 of model.safetensors, lower-case hex
 * @param modelBytes      size of model.safetensors in bytes
 * @param data            where the ratings came from and how they were split (folder, layout, split kind,
 *                        fractions, seed, or the given train/test files), so that other commands can
 *                        find the data again and rebuild the same split; absent in older manifests
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(int formatVersion, String created, long seed, String dataFingerprint,
                       Map<String, Object> hyperParameters, Map<String, Double> metrics,
                       List<EpochStats> trainingHistory, boolean biased, int factors, int users, int items,
                       String modelSha256, long modelBytes,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> data) {

    /** The format this code writes and reads. */
    public static final int CURRENT_FORMAT_VERSION = 1;

    public Manifest {
        // Sorted by name, so that the same training writes the same manifest whatever map the caller built.
        hyperParameters = hyperParameters == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hyperParameters));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
        trainingHistory = trainingHistory == null ? List.of() : List.copyOf(trainingHistory);
        data = data == null ? null : Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /**
     * A manifest for a model about to be saved, created now. The fields that describe the model file
     * (biased, shape, checksum) are filled in by {@link ModelFiles#save}.
     */
    public static Manifest forTraining(long seed, String dataFingerprint, Map<String, Object> hyperParameters,
                                       Map<String, Double> metrics, List<EpochStats> trainingHistory) {
        return new Manifest(CURRENT_FORMAT_VERSION, Instant.now().toString(), seed, dataFingerprint,
                hyperParameters, metrics, trainingHistory, false, 0, 0, 0, null, 0, null);
    }

    /** This manifest with other metrics (say, after evaluating the saved model). */
    public Manifest withMetrics(Map<String, Double> newMetrics) {
        return new Manifest(formatVersion, created, seed, dataFingerprint, hyperParameters, newMetrics,
                trainingHistory, biased, factors, users, items, modelSha256, modelBytes, data);
    }

    /** This manifest with a description of the data it was trained on. */
    public Manifest withData(Map<String, Object> newData) {
        return new Manifest(formatVersion, created, seed, dataFingerprint, hyperParameters, metrics,
                trainingHistory, biased, factors, users, items, modelSha256, modelBytes, newData);
    }

    /** This manifest describing {@code model} saved as a file of {@code bytes} bytes with that SHA-256. */
    Manifest describing(MfModel model, String sha256, long bytes) {
        String when = created == null ? Instant.now().toString() : created;
        return new Manifest(CURRENT_FORMAT_VERSION, when, seed, dataFingerprint, hyperParameters, metrics,
                trainingHistory, model.biased(), model.factors(), model.users(), model.items(), sha256, bytes, data);
    }
}
