package reco.kernels.gpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

/**
 * The host side of {@code blocks.cl} that does not depend on the API that launches it: the block
 * ranges as the kernels read them, their scalar parameters, and the loss they leave per block.
 */
public final class BlockedHost {

    private BlockedHost() {
    }

    /** The kernel for {@code step}'s optimiser. */
    public static String kernel(StepConfig step) {
        return step.optimizer() == Optimizer.ADAM ? "mf_blocks_adam" : "mf_blocks_sgd";
    }

    /** Writes block {@code b}'s first rating and count as int64 pairs at {@code 2b}, {@code 2b + 1}. */
    public static void packRanges(MemorySegment host, long[] starts, long[] counts) {
        for (int b = 0; b < starts.length; b++) {
            host.setAtIndex(ValueLayout.JAVA_LONG, 2L * b, starts[b]);
            host.setAtIndex(ValueLayout.JAVA_LONG, 2L * b + 1, counts[b]);
        }
    }

    /**
     * The float parameters that follow the model's shape, in the kernel's order. SGD: the learning
     * rate and the factors' and biases' shrink per update. Adam: the learning rate, twice the two L2
     * weights, β1, β2, ε, then β1^t and β2^t for the first step, each computed in double as the
     * reference does and passed as two floats (hi, lo): see blocks.cl.
     */
    public static float[] scalars(StepConfig step, long firstStep) {
        float lr = step.learningRate();
        if (step.optimizer() != Optimizer.ADAM) {
            return new float[] {lr, 1f - lr * 2f * step.l2(), 1f - lr * 2f * step.biasL2()};
        }
        double p1 = Math.pow(step.beta1(), firstStep);
        double p2 = Math.pow(step.beta2(), firstStep);
        return new float[] {lr, 2f * step.l2(), 2f * step.biasL2(), step.beta1(), step.beta2(), step.epsilon(),
                (float) p1, (float) (p1 - (float) p1), (float) p2, (float) (p2 - (float) p2)};
    }

    /** The squared error of {@code blocks} blocks, each a compensated (sum, compensation) float pair, added in block order. */
    public static double sumLosses(MemorySegment partial, int blocks) {
        double sse = 0;
        for (int b = 0; b < blocks; b++) {
            sse += (double) partial.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * b)
                    - partial.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * b + 1);
        }
        return sse;
    }
}
