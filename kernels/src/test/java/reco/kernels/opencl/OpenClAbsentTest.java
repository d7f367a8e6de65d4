package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Without OpenCL the backend lists nothing, says how to get a device, refuses to open one, and
 * {@code auto} still resolves. OpenCL is hidden from a child JVM, since a loaded driver cannot be
 * unloaded: once by giving the ICD loader an empty vendor directory (zero platforms), once by naming a
 * loader that does not exist.
 */
class OpenClAbsentTest {
    private static final String HOW = "apt-get install pocl-opencl-icd ocl-icd-libopencl1";

    @Test
    void zeroPlatforms(@TempDir Path emptyVendors) throws Exception {
        Map<String, String> out = probe(Map.of("OCL_ICD_VENDORS", emptyVendors.toString()), List.of());
        assertNoOpenCl(out);
    }

    @Test
    void noLoader() throws Exception {
        Map<String, String> out = probe(Map.of(), List.of("-Dreco.opencl.library=libOpenCL-absent.so.1"));
        assertNoOpenCl(out);
        assertTrue(out.get("reason").contains("libOpenCL-absent.so.1"), out.get("reason"));
    }

    private static void assertNoOpenCl(Map<String, String> out) {
        assertEquals("0", out.get("devices"), out.toString());
        assertTrue(out.get("reason").contains(HOW), out.get("reason"));
        assertEquals("java", out.get("auto"));
        assertTrue(out.get("open").startsWith("DeviceUnavailableException: "), out.get("open"));
        assertTrue(out.get("open").contains(HOW), out.get("open"));
    }

    private static Map<String, String> probe(Map<String, String> env, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NoOpenClProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
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
