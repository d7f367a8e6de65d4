package reco.engine.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reco.engine.data.IdIndex;

/**
 * Writes the committed model folder {@code src/test/resources/reco/engine/model/tiny-model}, which
 * {@link TinyModelTest} reads back to guard the on-disk format. Every value is exact in binary, and
 * the manifest has a fixed creation time, so that the output is the same byte for byte on every run.
 *
 * <p>Regenerate only on purpose (a new format version): build with {@code mvn -pl engine -am test-compile},
 * then, from the repository root, run this class with {@code engine/target/classes},
 * {@code engine/target/test-classes}, {@code kernels/target/classes} and the jackson-databind,
 * jackson-core, jackson-annotations and fastutil-core jars from {@code ~/.m2} on the class path. The
 * one optional argument is another output folder.
 */
public final class TinyModelGenerator {
    static final String RESOURCE = "/reco/engine/model/tiny-model";
    static final Path DEFAULT_OUT = Path.of("engine/src/test/resources" + RESOURCE);

    static final long[] USER_IDS = {7, 42, 1001};
    static final long[] ITEM_IDS = {3, 5, 8, 13};
    static final float[] P = {0.5f, -1.0f, 1.5f, 0.25f, -0.75f, 2.0f};                 // 3 users × 2
    static final float[] Q = {1.0f, 0.5f, -0.5f, 1.0f, 2.0f, -0.25f, 0.0f, 0.75f};     // 4 items × 2
    static final float[] USER_BIAS = {0.25f, -0.5f, 0.125f};
    static final float[] ITEM_BIAS = {-0.25f, 0.5f, 0.0f, 1.0f};
    static final float GLOBAL_MEAN = 3.5f;
    static final String CREATED = "2025-01-01T00:00:00Z";

    private TinyModelGenerator() {
    }

    public static void main(String[] args) {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUT;
        write(out);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    static Manifest write(Path dir) {
        try (MfModel model = MfModel.allocate(IdIndex.of(USER_IDS), IdIndex.of(ITEM_IDS), 2, true)) {
            MemorySegment.copy(P, 0, model.userFactors(), ValueLayout.JAVA_FLOAT, 0, P.length);
            MemorySegment.copy(Q, 0, model.itemFactors(), ValueLayout.JAVA_FLOAT, 0, Q.length);
            MemorySegment.copy(USER_BIAS, 0, model.userBias(), ValueLayout.JAVA_FLOAT, 0, USER_BIAS.length);
            MemorySegment.copy(ITEM_BIAS, 0, model.itemBias(), ValueLayout.JAVA_FLOAT, 0, ITEM_BIAS.length);
            model.setGlobalMean(GLOBAL_MEAN);
            return ModelFiles.save(dir, model, manifest());
        }
    }

    static Manifest manifest() {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("factors", 2);
        hyper.put("optimizer", "adam");
        hyper.put("learning_rate", 0.01);
        return new Manifest(Manifest.CURRENT_FORMAT_VERSION, CREATED, 42L, "tiny hand-written model", hyper,
                Map.of("rmse", 0.5), List.of(new EpochStats(1, 1.5, 1.25, 0.5)), true, 0, 0, 0, null, 0, null);
    }
}
