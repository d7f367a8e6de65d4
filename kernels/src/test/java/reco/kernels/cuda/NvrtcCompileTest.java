package reco.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import reco.kernels.cuda.ffi.CudaException;
import reco.kernels.cuda.ffi.NvrtcLibrary;
import reco.kernels.cuda.ffi.PtxCompiler;
import reco.kernels.source.KernelSignature;
import reco.kernels.source.KernelSource;
import reco.kernels.source.KernelSource.Dialect;

/**
 * The NVRTC binding end to end, without a GPU (NVRTC needs none): every op compiles through it to PTX
 * naming each kernel and using no double-precision arithmetic, and where {@code ptxas} of the same CUDA version is on the path that PTX
 * assembles for sm_90; a source that does not compile throws with NVRTC's log. Skipped where no NVRTC
 * is found ({@code -Dreco.nvrtc.library=PATH} names one).
 */
class NvrtcCompileTest {
    static final List<String> OPS = List.of("mf.cl", "sgd.cl", "blocks.cl", "kmeans.cl", "topk.cl");

    @BeforeEach
    void needsNvrtc() {
        assumeTrue(NvrtcLibrary.absentReason() == null, NvrtcLibrary.absentReason());
    }

    @ParameterizedTest(name = "WIDTH {0}")
    @CsvSource({"64", "6"})
    void everyOpCompilesWithItsKernelsNamed(int width, @TempDir Path dir) throws Exception {
        int arch = PtxCompiler.architectureFor(90);
        System.out.println("NVRTC " + PtxCompiler.version() + " from " + NvrtcLibrary.loaded() + ", compute_" + arch);
        Optional<Path> ptxas = NvccCompileTest.onPath("ptxas");
        for (String op : OPS) {
            String ptx = PtxCompiler.compile(KernelSource.assemble(Dialect.CUDA, op), op.replace(".cl", ".cu"), arch,
                    List.of("WIDTH=" + width, "VW=" + KernelSource.vectorWidth(Dialect.CUDA, width), "WG=128",
                            "CHUNK=1024"));
            for (String kernel : KernelSignature.parse(KernelSource.read(op)).keySet()) {
                assertTrue(ptx.contains(".entry " + kernel + "("), op + ": no entry " + kernel + " in the PTX");
            }
            // float arithmetic only: a double (an unsuffixed constant, sqrt(double)) would run at 1/64 speed
            assertFalse(ptx.contains(".f64"), op + ": double-precision instructions in the PTX");
            if (ptxas.isPresent() && sameRelease(ptxas.get())) {
                Path file = dir.resolve(op.replace(".cl", ".ptx"));
                Files.writeString(file, ptx);
                String out = run(List.of(ptxas.get().toString(), "-arch=sm_90", "-o", dir.resolve("out.cubin").toString(),
                        file.toString()));
                assertTrue(out.startsWith("0\n"), "ptxas refused the PTX of " + op + ":\n" + out);
            }
        }
    }

    @Test
    void aSourceThatDoesNotCompileThrowsWithTheLog() {
        CudaException e = assertThrows(CudaException.class, () -> PtxCompiler.compile(
                "extern \"C\" __global__ void broken(float* x) { x[0] = no_such_name; }", "broken.cu", 75, List.of()));
        assertEquals("nvrtcCompileProgram", e.function());
        assertEquals("NVRTC_ERROR_COMPILATION", e.errorName());
        assertTrue(e.log().contains("no_such_name"), e.log());
        assertTrue(e.getMessage().contains("broken.cu") && e.getMessage().contains("--gpu-architecture=compute_75"),
                e.getMessage());
    }

    /** ptxas of the NVRTC's own release reads its PTX; another release may not know its PTX version. */
    private static boolean sameRelease(Path ptxas) throws Exception {
        return run(List.of(ptxas.toString(), "--version")).contains("release " + PtxCompiler.version());
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command.getFirst() + " did not finish");
        return p.exitValue() + "\n" + output;
    }
}
