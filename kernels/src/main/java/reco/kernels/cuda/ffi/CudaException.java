package reco.kernels.cuda.ffi;

import reco.kernels.DeviceException;

/**
 * A CUDA driver or NVRTC call returned an error. The message names the function, the error's name
 * and number, the driver's description when it gave one, and, for a failed compilation or module
 * load, carries the whole log.
 */
public final class CudaException extends DeviceException {
    private final String function;
    private final int code;
    private final String errorName;
    private final String log;

    /**
     * @param description the library's sentence for the code, or null
     * @param subject     what the call was about (e.g. which source), or null
     * @param log         a compiler or JIT log, or null
     */
    CudaException(String function, int code, String errorName, String description, String subject, String log) {
        super(message(function, code, errorName, description, subject, log));
        this.function = function;
        this.code = code;
        this.errorName = errorName;
        this.log = log;
    }

    /** The C function that failed, e.g. {@code cuModuleLoadDataEx}. */
    public String function() {
        return function;
    }

    /** The status it returned, e.g. 218. */
    public int code() {
        return code;
    }

    /** The status's name, e.g. {@code CUDA_ERROR_INVALID_PTX} or {@code NVRTC_ERROR_COMPILATION}. */
    public String errorName() {
        return errorName;
    }

    /** The compiler's or JIT's log; null for any other failure. */
    public String log() {
        return log;
    }

    private static String message(String function, int code, String errorName, String description, String subject,
                                  String log) {
        StringBuilder m = new StringBuilder(function).append(" failed: ").append(errorName).append(" (").append(code)
                .append(')');
        if (description != null && !description.isBlank() && !description.equals(errorName)) {
            m.append(": ").append(description);
        }
        if (subject != null) {
            m.append(" for ").append(subject);
        }
        if (log != null && !log.isBlank()) {
            m.append("; log:\n").append(log);
        }
        return m.toString();
    }
}
