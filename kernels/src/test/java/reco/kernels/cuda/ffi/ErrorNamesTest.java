package reco.kernels.cuda.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Error codes by name, without a GPU: the {@code CUresult} and {@code nvrtcResult} tables, the
 * exception's message, and (where the toolkit's header or NVRTC is installed) the tables against them.
 */
class ErrorNamesTest {
    static final Path CUDA_H = Path.of("/usr/local/cuda/include/cuda.h");

    @Test
    void cuResultNamesFollowTheHeader() {
        assertEquals("CUDA_SUCCESS", CudaResult.name(0));
        assertEquals("CUDA_ERROR_INVALID_VALUE", CudaResult.name(1));
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", CudaResult.name(2));
        assertEquals("CUDA_ERROR_STUB_LIBRARY", CudaResult.name(34));
        assertEquals("CUDA_ERROR_NO_DEVICE", CudaResult.name(100));
        assertEquals("CUDA_ERROR_INVALID_PTX", CudaResult.name(218));
        assertEquals("CUDA_ERROR_UNSUPPORTED_PTX_VERSION", CudaResult.name(CudaResult.ERROR_UNSUPPORTED_PTX_VERSION));
        assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", CudaResult.name(700));
        assertEquals("CUDA_ERROR_LAUNCH_FAILED", CudaResult.name(719));
        assertEquals("CUDA_ERROR_UNKNOWN", CudaResult.name(999));
        assertEquals("unknown CUresult", CudaResult.name(9));
        assertEquals("unknown CUresult", CudaResult.name(-1));
    }

    /** Where the toolkit's cuda.h is installed, every code it declares is in the table under its name. */
    @Test
    void theTableHoldsEveryCodeOfTheInstalledHeader() throws IOException {
        assumeTrue(Files.isReadable(CUDA_H), "no " + CUDA_H + " here");
        String header = Files.readString(CUDA_H);
        String block = header.substring(header.indexOf("typedef enum cudaError_enum"), header.indexOf("} CUresult;"));
        Map<Integer, String> declared = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\s*(CUDA_\\w+)\\s*=\\s*(\\d+)", Pattern.MULTILINE).matcher(block);
        while (m.find()) {
            declared.put(Integer.parseInt(m.group(2)), m.group(1));
        }
        assertTrue(declared.size() > 90, "read " + declared.size() + " codes from " + CUDA_H);
        declared.forEach((code, name) -> assertEquals(name, CudaResult.name(code), "code " + code));
        assertTrue(CudaResult.size() >= declared.size());
    }

    @Test
    void nvrtcResultNamesFollowTheHeader() {
        assertEquals("NVRTC_SUCCESS", NvrtcResult.name(0));
        assertEquals("NVRTC_ERROR_INVALID_OPTION", NvrtcResult.name(5));
        assertEquals("NVRTC_ERROR_COMPILATION", NvrtcResult.name(6));
        assertEquals("NVRTC_ERROR_INTERNAL_ERROR", NvrtcResult.name(11));
        assertEquals("unknown nvrtcResult", NvrtcResult.name(99));
    }

    /** Where NVRTC is installed, its own names for every code agree with the table. */
    @Test
    void theNvrtcTableAgreesWithTheLibrary() {
        assumeTrue(NvrtcLibrary.absentReason() == null, NvrtcLibrary.absentReason());
        for (int code = 0; code <= NvrtcResult.highest(); code++) {
            assertEquals(NvrtcResult.name(code), Nvrtc.nvrtcGetErrorString(code), "code " + code);
        }
    }

    @Test
    void theMessageNamesTheCallTheErrorAndItsNumber() {
        CudaException e = new CudaException("cuModuleLoadDataEx", 218, "CUDA_ERROR_INVALID_PTX",
                "a PTX JIT compilation failed", "module mf.cu", "ptxas fatal: bad line 3");
        assertEquals("cuModuleLoadDataEx failed: CUDA_ERROR_INVALID_PTX (218): a PTX JIT compilation failed"
                + " for module mf.cu; log:\nptxas fatal: bad line 3", e.getMessage());
        assertEquals("cuModuleLoadDataEx", e.function());
        assertEquals(218, e.code());
        assertEquals("ptxas fatal: bad line 3", e.log());
        assertEquals("cuMemFree_v2 failed: CUDA_ERROR_INVALID_VALUE (1)",
                new CudaException("cuMemFree_v2", 1, "CUDA_ERROR_INVALID_VALUE", null, null, null).getMessage());
    }
}
