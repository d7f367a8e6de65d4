package reco.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

import reco.engine.bench.ConfigOverrides;
import reco.engine.bench.DeviceBenchmark;
import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.train.TrainConfig;
import reco.engine.train.TrainResult;
import reco.engine.train.Trainer;
import reco.kernels.Optimizer;

/**
 * A whole epoch as {@code reco train} runs it: one op is one {@link Trainer} run of one epoch over all
 * the generated ratings (no validation), with {@link TrainConfig#defaults()} and this benchmark's
 * optimizer and factors, then {@code train} (JMH: {@code -p 'train=batchSize=4096;learningRate=0.01'},
 * any {@link TrainConfig} field, see {@link ConfigOverrides}). The op includes the run's set-up — the
 * ratings' upload, the model's initialisation and upload, the model's read-back — which is small next to
 * a CPU epoch but not next to a GPU's; {@code reco bench} reports the epoch alone, as the trainer times it.
 */
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class EpochBenchmark extends OnDevice {
    @Param({"ADAM", "SGD"})
    public Optimizer optimizer;

    /** Training settings over the defaults, {@code name=value;...}; empty for none. */
    @Param("")
    public String train;

    private RatingTable table;
    private TrainConfig config;
    private IdIndex users;
    private IdIndex items;

    @Override
    protected void prepare() {
        TrainConfig base = TrainConfig.defaults().toBuilder().factors(factors).optimizer(optimizer).epochs(1).patience(0)
                .refit(false).build();
        config = ConfigOverrides.apply(base, train);
        System.err.println("# training: " + config.asMap());
        table = shape.generate(SEED);
        users = DeviceBenchmark.range(shape.users());
        items = DeviceBenchmark.range(shape.items());
    }

    /** Returns the epoch's training loss, so that nothing is optimised away. */
    @Benchmark
    public double epoch() {
        TrainResult result = new Trainer(d, config, null).train(table, null, users, items);
        result.model().close();
        d.finish();
        return result.history().getLast().trainLoss();
    }

    @Override
    protected void release() {
        table.close();
    }
}
