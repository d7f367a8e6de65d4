package reco.kernels.opencl.ffi;

import reco.kernels.DeviceException;

/**
 * An OpenCL call returned an error status. The message names the function, the status's name and
 * number, and, for a failed program build, carries the whole build log.
 */
public final class OpenClException extends DeviceException {
    private final String function;
    private final int status;
    private final String buildLog;

    OpenClException(String function, int status, String buildLog) {
        this(function, status, null, buildLog);
    }

    /** @param subject what the call was about (e.g. which program), or null */
    OpenClException(String function, int status, String subject, String buildLog) {
        super(message(function, status, subject, buildLog));
        this.function = function;
        this.status = status;
        this.buildLog = buildLog;
    }

    /** The OpenCL function that failed, e.g. {@code clBuildProgram}. */
    public String function() {
        return function;
    }

    /** The status it returned, e.g. -11. */
    public int status() {
        return status;
    }

    /** The status's name, e.g. {@code CL_BUILD_PROGRAM_FAILURE}. */
    public String statusName() {
        return ClStatus.name(status);
    }

    /** The compiler's log for a failed build; null for any other failure. */
    public String buildLog() {
        return buildLog;
    }

    private static String message(String function, int status, String subject, String buildLog) {
        String m = function + " failed: " + ClStatus.name(status) + " (" + status + ")"
                + (subject == null ? "" : " for " + subject);
        return buildLog == null ? m : m + "; build log:\n" + buildLog;
    }
}
