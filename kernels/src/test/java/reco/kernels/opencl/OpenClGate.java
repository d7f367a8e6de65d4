package reco.kernels.opencl;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresOpenCl}: skip without OpenCL, unless it is required, then fail. */
final class OpenClGate implements ExecutionCondition, BeforeAllCallback {
    static final String REQUIRE = "RECO_REQUIRE_OPENCL";

    /** Null when OpenCL has a device here, else why not; looked up once per test JVM. */
    private static final class Probe {
        static final String ABSENT = new OpenClBackend().unavailableReason();
    }

    static boolean required() {
        return "1".equals(System.getenv(REQUIRE));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Probe.ABSENT == null) {
            return ConditionEvaluationResult.enabled("OpenCL device present");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled(REQUIRE + "=1: running, to fail");
        }
        return ConditionEvaluationResult.disabled("skipped, no OpenCL: " + Probe.ABSENT
                + " (set " + REQUIRE + "=1 to make this a failure)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (Probe.ABSENT != null && required()) {
            throw new AssertionError(REQUIRE + "=1 but there is no OpenCL device: " + Probe.ABSENT);
        }
    }
}
