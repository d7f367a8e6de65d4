package reco.bench;

import reco.kernels.Optimizer;

/** {@link TrainStepBenchmark} with plain SGD. */
public class SgdStepBenchmark extends TrainStepBenchmark {
    @Override
    protected Optimizer optimizer() {
        return Optimizer.SGD;
    }
}
