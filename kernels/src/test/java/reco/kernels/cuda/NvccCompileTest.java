package reco.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import reco.kernels.source.KernelSignature;
import reco.kernels.source.KernelSource;
import reco.kernels.source.KernelSource.Dialect;

/**
 * Proof without a GPU that the CUDA side of the shared sources is valid CUDA C++: where the toolkit's
 * {@code nvcc} is on the path, each op file, assembled after {@code cuda.h} and {@code common.cl}, is
 * compiled to PTX for {@code compute_90}, on the float4 path (64 factors) and the scalar one (6), and
 * every kernel must come out under its own (extern "C") name. Skipped where there is no nvcc.
 */
class NvccCompileTest {
    static final List<String> OPS = List.of("mf.cl", "sgd.cl", "blocks.cl", "kmeans.cl", "topk.cl");

    @ParameterizedTest(name = "WIDTH {0}")
    @CsvSource({"64", "6"})
    void everyOpCompilesToPtxWithItsKernelsNamed(int width, @TempDir Path dir) throws Exception {
        Optional<Path> nvcc = onPath("nvcc");
        assumeTrue(nvcc.isPresent(), "no nvcc on the PATH");
        List<String> command = new ArrayList<>(List.of(nvcc.get().toString(), "-ptx", "-arch=compute_90",
                "-DWIDTH=" + width, "-DVW=" + KernelSource.vectorWidth(Dialect.CUDA, width), "-DWG=128",
                "-DCHUNK=1024", "--output-directory", dir.toString()));
        for (String op : OPS) {
            Path source = dir.resolve(op.replace(".cl", ".cu"));
            Files.writeString(source, KernelSource.assemble(Dialect.CUDA, op));
            command.add(source.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc did not finish");
        assertEquals(0, p.exitValue(), "nvcc failed:\n" + output);
        for (String op : OPS) {
            String ptx = Files.readString(dir.resolve(op.replace(".cl", ".ptx")));
            for (String kernel : KernelSignature.parse(KernelSource.read(op)).keySet()) {
                assertTrue(ptx.contains(".entry " + kernel + "("), op + ": no entry " + kernel + " in the PTX");
            }
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
