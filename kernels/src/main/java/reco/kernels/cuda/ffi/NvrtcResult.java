package reco.kernels.cuda.ffi;

import java.util.Map;

/**
 * {@code nvrtcResult} names, as {@code nvrtc.h} of CUDA 13.0 spells them (NVRTC's own
 * {@code nvrtcGetErrorString} returns the same names and is asked first).
 */
public final class NvrtcResult {
    static final int SUCCESS = 0;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "NVRTC_SUCCESS"),
            Map.entry(1, "NVRTC_ERROR_OUT_OF_MEMORY"),
            Map.entry(2, "NVRTC_ERROR_PROGRAM_CREATION_FAILURE"),
            Map.entry(3, "NVRTC_ERROR_INVALID_INPUT"),
            Map.entry(4, "NVRTC_ERROR_INVALID_PROGRAM"),
            Map.entry(5, "NVRTC_ERROR_INVALID_OPTION"),
            Map.entry(6, "NVRTC_ERROR_COMPILATION"),
            Map.entry(7, "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE"),
            Map.entry(8, "NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION"),
            Map.entry(9, "NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION"),
            Map.entry(10, "NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID"),
            Map.entry(11, "NVRTC_ERROR_INTERNAL_ERROR"),
            Map.entry(12, "NVRTC_ERROR_TIME_FILE_WRITE_FAILED"),
            Map.entry(13, "NVRTC_ERROR_NO_PCH_CREATE_ATTEMPTED"),
            Map.entry(14, "NVRTC_ERROR_PCH_CREATE_HEAP_EXHAUSTED"),
            Map.entry(15, "NVRTC_ERROR_PCH_CREATE"),
            Map.entry(16, "NVRTC_ERROR_CANCELLED"),
            Map.entry(17, "NVRTC_ERROR_TIME_TRACE_FILE_WRITE_FAILED"));

    private NvrtcResult() {
    }

    /** The code's name from the table, or a phrase saying it is not there. */
    public static String name(int code) {
        String n = NAMES.get(code);
        return n != null ? n : "unknown nvrtcResult";
    }

    /** The highest code the table names (for its test against the library). */
    static int highest() {
        return NAMES.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
