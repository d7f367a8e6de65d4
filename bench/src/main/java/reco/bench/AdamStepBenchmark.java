package reco.bench;

import reco.kernels.Optimizer;

/** {@link TrainStepBenchmark} with lazy Adam. */
public class AdamStepBenchmark extends TrainStepBenchmark {
    @Override
    protected Optimizer optimizer() {
        return Optimizer.ADAM;
    }
}
