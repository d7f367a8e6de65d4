package reco.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.data.LoadOptions;
import reco.engine.data.MovieLens;
import reco.engine.data.SplitDataset;
import reco.engine.eval.Evaluation;
import reco.engine.eval.Evaluator;
import reco.engine.train.TrainingData;
import reco.kernels.ComputeDevice;

/** {@code reco evaluate}: a saved model's test metrics, on the split it was trained with. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on the test split it was trained with (rebuilt from its manifest).")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    DeviceOption device;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "Cut-off of the ranking metrics. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelOptions.Opened o = models.open(); ComputeDevice dev = device.open(device.choice())) {
            Map<String, Object> info = o.loaded().manifest().data();
            Evaluation e;
            if (info.get("train_file") instanceof String train && info.get("test_file") instanceof String test) {
                try (SplitDataset s = MovieLens.loadSplitFiles(java.nio.file.Path.of(train), java.nio.file.Path.of(test),
                        null, LoadOptions.defaults())) {
                    e = new Evaluator(dev).evaluate(o.loaded().model(), s.train().ratings(), s.test(), topK, 4.0f);
                }
            } else {
                ModelOptions.requireSameIds(o);
                double share = ((Number) info.get("test_fraction")).doubleValue();
                if (share <= 0) {
                    throw new UsageException("this model was trained on all ratings (no test split): nothing to evaluate on");
                }
                TrainingData.SplitKind kind = TrainingData.SplitKind.valueOf(((String) info.get("split")).toUpperCase(Locale.ROOT));
                long seed = ((Number) info.get("split_seed")).longValue();
                try (TrainingData td = TrainingData.split(o.dataset().ratings(), kind, share, 0, seed)) {
                    e = new Evaluator(dev).evaluate(o.loaded().model(), td.train(), td.test(), topK, 4.0f);
                }
            }
            Results.evaluation(out, e, 0);
        }
        return 0;
    }
}
