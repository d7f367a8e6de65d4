package reco.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Without the CUDA driver the backend lists nothing, says how to get a device, refuses to open one,
 * and {@code auto} still resolves; without NVRTC the lookup names every library it tried. Both are
 * hidden from a child JVM by naming libraries that do not exist (a loaded driver cannot be unloaded),
 * so the test means the same on a machine with a GPU.
 */
class CudaAbsentTest {
    private static final String HOW = "install the NVIDIA driver";

    @Test
    void noDriver() throws Exception {
        Map<String, String> out = probe(List.of("-Dreco.cuda.library=libcuda-absent.so.1"));
        assertEquals("0", out.get("devices"), out.toString());
        assertTrue(out.get("reason").contains("libcuda-absent.so.1") && out.get("reason").contains(HOW), out.get("reason"));
        assertFalse(out.get("auto").startsWith("cuda"), "auto without CUDA chose " + out.get("auto"));
        assertEquals("true", out.get("listed"), "reco devices shows the cuda backend with its reason");
        assertTrue(out.get("open").startsWith("DeviceUnavailableException: cannot open cuda:0: "), out.get("open"));
        assertTrue(out.get("open").contains(HOW), out.get("open"));
    }

    @Test
    void noNvrtc() throws Exception {
        Map<String, String> out = probe(List.of("-Dreco.cuda.library=libcuda-absent.so.1",
                "-Dreco.nvrtc.library=/nonexistent/libnvrtc.so.13"));
        assertTrue(out.get("nvrtc").contains("tried /nonexistent/libnvrtc.so.13")
                && out.get("nvrtc").contains("-Dreco.nvrtc.library=PATH"), out.get("nvrtc"));
    }

    private static Map<String, String> probe(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NoCudaProbe.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, p.exitValue(), text);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
