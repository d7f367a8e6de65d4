package reco.kernels.cuda;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresCuda}: skip without a CUDA device (or without NVRTC to compile
 * for it), unless it is required, then fail.
 */
final class CudaGate implements ExecutionCondition, BeforeAllCallback {
    static final String REQUIRE = "RECO_REQUIRE_CUDA";

    /** Null when a usable CUDA device (driver, GPU and NVRTC) is here, else why not; looked up once per test JVM. */
    private static final class Probe {
        static final String ABSENT = new CudaBackend().unavailableReason();
    }

    static boolean required() {
        return "1".equals(System.getenv(REQUIRE));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Probe.ABSENT == null) {
            return ConditionEvaluationResult.enabled("CUDA device and NVRTC present");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled(REQUIRE + "=1: running, to fail");
        }
        return ConditionEvaluationResult.disabled("skipped, no CUDA: " + Probe.ABSENT
                + " (set " + REQUIRE + "=1 to make this a failure)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (Probe.ABSENT != null && required()) {
            throw new AssertionError(REQUIRE + "=1 but there is no usable CUDA device: " + Probe.ABSENT);
        }
    }
}
