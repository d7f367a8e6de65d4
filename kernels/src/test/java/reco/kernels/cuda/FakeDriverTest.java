package reco.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reco.kernels.cuda.ffi.NvrtcLibrary;

/**
 * The CUDA device's host code against a fake driver ({@code fake_libcuda.c}, built here with the C
 * compiler), where there is no GPU: every op compiles its kernels with the real NVRTC and launches them
 * into the fake, which runs none but refuses what a driver would (no current context, a copy outside
 * an allocation, a function its module lacks, a dead handle) and counts what is left alive. So this
 * checks the driver calls, not the arithmetic: every kernel launched as often as its op should, every
 * argument list accepted by the signature check, fresh buffers zeroed, bytes copied both ways intact,
 * and after close nothing left (memory, modules, stream, events, context references). And a GPU with
 * no NVRTC to compile for it is not offered. Skipped without a C compiler (and the first, without NVRTC).
 */
class FakeDriverTest {

    @Test
    void everyOpDrivesTheDriverCorrectlyAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        assumeTrue(NvrtcLibrary.absentReason() == null, NvrtcLibrary.absentReason());
        Map<String, String> out = probe(FakeDriverProbe.class, buildFake(dir), NvrtcLibrary.loaded());
        assertEquals("0", out.get("exit"), out.toString());
        assertEquals("cuda:0 Fake GPU compute_90", out.get("device"));
        assertEquals("true", out.get("zeroed"), "a new buffer reads as zeros");
        assertEquals("true", out.get("roundTrip"), "bytes written come back");
        assertEquals("0.25", out.get("deviceMillis"));
        Map<String, Integer> launches = new LinkedHashMap<>();
        FakeDriverProbe.KERNELS.forEach(k -> launches.put(k, Integer.parseInt(out.get("launches." + k))));
        // predict twice (once from another thread); SGD 1000 ratings in batches of 300 (4) and Adam 600 (2):
        // four kernels per batch; one blocked stratum each of SGD and Adam: one launch each.
        assertEquals(Map.ofEntries(Map.entry("mf_predict", 2), Map.entry("mf_gather", 6), Map.entry("mf_segments", 6),
                Map.entry("mf_scatter", 6), Map.entry("mf_apply", 6), Map.entry("mf_blocks_sgd", 1),
                Map.entry("mf_blocks_adam", 1), Map.entry("kmeans_assign", 1), Map.entry("kmeans_partial", 1),
                Map.entry("kmeans_reduce", 1), Map.entry("topk", 1)), launches);
        assertEquals("0", out.get("errors"), "calls the driver refused");
        for (String left : List.of("context_refs", "allocations", "modules", "streams", "events")) {
            assertEquals("0", out.get(left), left + " left after close");
        }
    }

    /** A GPU whose kernels NVRTC cannot compile is listed as unusable, with why, and auto passes it by. */
    @Test
    void aGpuWithoutNvrtcIsNotOffered(@TempDir Path dir) throws Exception {
        Map<String, String> out = probe(NoCudaProbe.class, buildFake(dir), "/nonexistent/libnvrtc.so.13");
        assertEquals("0", out.get("exit"), out.toString());
        assertEquals("0", out.get("devices"), out.toString());
        assertTrue(out.get("reason").startsWith("found [Fake GPU] but cannot compile kernels for it: no NVRTC (tried "
                + "/nonexistent/libnvrtc.so.13)"), out.get("reason"));
        assertFalse(out.get("auto").startsWith("cuda"), "auto chose " + out.get("auto"));
        assertTrue(out.get("open").startsWith("DeviceUnavailableException: cannot open cuda:0: found [Fake GPU]"),
                out.get("open"));
    }

    /** The fake driver, compiled into {@code dir}; skips the test without a C compiler. */
    private static Path buildFake(Path dir) throws Exception {
        Optional<Path> cc = NvccCompileTest.onPath("cc");
        assumeTrue(cc.isPresent(), "no C compiler (cc) on the PATH");
        Path source = dir.resolve("fake_libcuda.c");
        try (InputStream in = FakeDriverTest.class.getResourceAsStream("fake_libcuda.c")) {
            Files.copy(in, source);
        }
        Path library = dir.resolve("libcuda-fake.so");
        Map<String, String> built = run(List.of(cc.get().toString(), "-shared", "-fPIC", "-O1", "-o", library.toString(),
                source.toString()));
        assertEquals("0", built.get("exit"), built.toString());
        return library;
    }

    /** {@code main} of {@code probe} in a child JVM with the fake driver and the NVRTC named. */
    private static Map<String, String> probe(Class<?> probe, Path driver, String nvrtc) throws Exception {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dreco.cuda.library=" + driver, "-D" + NvrtcLibrary.PROPERTY
                        + "=" + nvrtc, "-cp", System.getProperty("java.class.path"), probe.getName()));
    }

    /** Runs a command; its {@code key=value} lines, its whole output under "output" and its exit code under "exit". */
    private static Map<String, String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command.getFirst() + " did not finish");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[\\w.]+")) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        out.put("output", text);
        out.put("exit", Integer.toString(p.exitValue()));
        return out;
    }
}
