package reco.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a saved model.safetensors with an independent reader, a few lines of Python and numpy written
 * from the format's description, and compares every value with the model. Skipped where python3 or
 * numpy is missing, unless RECO_REQUIRE_PYTHON=1, where it fails instead.
 */
class SafetensorsPythonTest {
    private static final long SEED = 77L;
    private static final String READER = """
            import hashlib, json, struct, sys
            import numpy as np
            buf = open(sys.argv[1], 'rb').read()
            (n,) = struct.unpack('<Q', buf[:8])
            header = json.loads(buf[8:8 + n].decode('utf-8'))
            out = {'header_length': n, 'metadata': header.pop('__metadata__', {}),
                   'sha256': hashlib.sha256(buf).hexdigest(), 'file_length': len(buf), 'tensors': {}}
            dtypes = {'F32': np.dtype('<f4'), 'I64': np.dtype('<i8')}
            for name, t in header.items():
                begin, end = t['data_offsets']
                dt = dtypes[t['dtype']]
                a = np.frombuffer(buf, dtype=dt, count=(end - begin) // dt.itemsize, offset=8 + n + begin)
                a = a.reshape(t['shape'])
                out['tensors'][name] = {'dtype': t['dtype'], 'shape': list(a.shape), 'begin': begin,
                                        'end': end, 'values': a.reshape(-1).tolist()}
            print(json.dumps(out))
            """;

    @TempDir
    Path temp;

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        requirePythonWithNumpy();
        System.out.println("SafetensorsPythonTest seed " + SEED);
        try (MfModel model = TestModels.random(SEED, 6, 9, 3, true)) {
            Manifest manifest = ModelFiles.save(temp, model, TestModels.manifest(SEED));
            JsonNode out = JsonMapper.builder().build().readTree(
                    python(READER, temp.resolve(ModelFiles.MODEL_FILE).toString()));

            assertEquals(manifest.modelSha256(), out.get("sha256").asText());
            assertEquals(manifest.modelBytes(), out.get("file_length").asLong());
            assertEquals(0, out.get("header_length").asLong() % 8, "header padded to a multiple of 8");
            assertEquals("reco-mf", out.get("metadata").get("format").asText());
            assertEquals("1", out.get("metadata").get("format_version").asText());
            JsonNode t = out.get("tensors");
            assertEquals(7, t.size());
            assertFloats(t.get("user_factors"), "F32", new long[] {6, 3}, model.userFactors());
            assertFloats(t.get("item_factors"), "F32", new long[] {9, 3}, model.itemFactors());
            assertFloats(t.get("user_bias"), "F32", new long[] {6}, model.userBias());
            assertFloats(t.get("item_bias"), "F32", new long[] {9}, model.itemBias());
            assertFloats(t.get("global_mean"), "F32", new long[] {1},
                    MemorySegment.ofArray(new float[] {model.globalMean()}));
            assertLongs(t.get("user_ids"), new long[] {6}, model.userIds().ids());
            assertLongs(t.get("item_ids"), new long[] {9}, model.itemIds().ids());
            for (JsonNode tensor : t) {
                long size = tensor.get("dtype").asText().equals("I64") ? 8 : 4;
                assertEquals(0, tensor.get("begin").asLong() % size, "every tensor naturally aligned");
            }
        }
    }

    private static void assertFloats(JsonNode tensor, String dtype, long[] shape, MemorySegment expected) {
        assertHeader(tensor, dtype, shape);
        JsonNode values = tensor.get("values");
        assertEquals(expected.byteSize() / Float.BYTES, values.size());
        for (int i = 0; i < values.size(); i++) {
            // numpy widens float32 to a Python float exactly and prints it exactly, so equality is exact.
            assertEquals(expected.getAtIndex(ValueLayout.JAVA_FLOAT, i), (float) values.get(i).doubleValue(), "at " + i);
        }
    }

    private static void assertLongs(JsonNode tensor, long[] shape, long[] expected) {
        assertHeader(tensor, "I64", shape);
        JsonNode values = tensor.get("values");
        assertEquals(expected.length, values.size());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(values.get(i).canConvertToLong());
            assertEquals(expected[i], values.get(i).longValue(), "at " + i);
        }
    }

    private static void assertHeader(JsonNode tensor, String dtype, long[] shape) {
        assertEquals(dtype, tensor.get("dtype").asText());
        assertEquals(shape.length, tensor.get("shape").size());
        for (int d = 0; d < shape.length; d++) {
            assertEquals(shape[d], tensor.get("shape").get(d).asLong());
        }
    }

    private static void requirePythonWithNumpy() {
        String why;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            why = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "python3 cannot import numpy";
        } catch (IOException e) {
            why = "no python3 on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        if (why != null) {
            if ("1".equals(System.getenv("RECO_REQUIRE_PYTHON"))) {
                fail("RECO_REQUIRE_PYTHON=1 but " + why);
            }
            Assumptions.abort("independent safetensors reader not run: " + why);
        }
    }

    private static String python(String script, String argument) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", script, argument).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "python3 failed: " + stderr);
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
