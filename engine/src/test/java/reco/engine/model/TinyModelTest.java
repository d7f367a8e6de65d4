package reco.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the committed tiny model (written by {@link TinyModelGenerator}) with fixed expected values,
 * and checks that today's writer still produces the same bytes: a change to either side of the
 * on-disk format fails here first.
 */
class TinyModelTest {

    @TempDir
    Path temp;

    private static Path committed() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(TinyModelTest.class.getResource(TinyModelGenerator.RESOURCE),
                "test resource " + TinyModelGenerator.RESOURCE).toURI());
    }

    @Test
    void theCommittedModelReadsBackWithItsValues() throws Exception {
        try (LoadedModel loaded = ModelFiles.load(committed())) {
            MfModel m = loaded.model();
            assertEquals(3, m.users());
            assertEquals(4, m.items());
            assertEquals(2, m.factors());
            assertTrue(m.biased());
            assertArrayEquals(new long[] {7, 42, 1001}, m.userIds().ids());
            assertArrayEquals(new long[] {3, 5, 8, 13}, m.itemIds().ids());
            assertEquals(3.5f, m.globalMean());
            // user 7, item 3: 3.5 + 0.25 - 0.25 + (0.5*1.0 + -1.0*0.5 = 0) = 3.5
            assertEquals(3.5f, m.predict(m.userIds().indexOf(7), m.itemIds().indexOf(3)));
            // user 42, item 8: 3.5 - 0.5 + 0.0 + (1.5*2.0 + 0.25*-0.25 = 2.9375) = 5.9375
            assertEquals(5.9375f, m.predict(m.userIds().indexOf(42), m.itemIds().indexOf(8)));
            // user 1001, item 13: 3.5 + 0.125 + 1.0 + (-0.75*0.0 + 2.0*0.75 = 1.5) = 6.125
            assertEquals(6.125f, m.predict(m.userIds().indexOf(1001), m.itemIds().indexOf(13)));
            // user 42, item 5: 3.5 - 0.5 + 0.5 + (1.5*-0.5 + 0.25*1.0 = -0.5) = 3.0
            assertEquals(3.0f, m.predict(m.userIds().indexOf(42), m.itemIds().indexOf(5)));
            assertArrayEquals(new float[] {-0.75f, 2.0f}, m.userVector(2, new float[2]));
            assertArrayEquals(new float[] {2.0f, -0.25f}, m.itemVector(2, new float[2]));

            Manifest manifest = loaded.manifest();
            assertEquals("2025-01-01T00:00:00Z", manifest.created());
            assertEquals(42L, manifest.seed());
            assertEquals("adam", manifest.hyperParameters().get("optimizer"));
            assertEquals(0.5, manifest.metrics().get("rmse"));
            assertEquals(List.of(new EpochStats(1, 1.5, 1.25, 0.5)), manifest.trainingHistory());
        }
    }

    @Test
    void todaysWriterProducesTheCommittedBytes() throws Exception {
        Manifest written = TinyModelGenerator.write(temp);
        Path committed = committed();
        assertArrayEquals(Files.readAllBytes(committed.resolve(ModelFiles.MODEL_FILE)),
                Files.readAllBytes(temp.resolve(ModelFiles.MODEL_FILE)),
                "model.safetensors differs from the committed one: the format changed");
        try (LoadedModel loaded = ModelFiles.load(committed)) {
            assertEquals(loaded.manifest(), written);
        }
        assertEquals(normalised(committed.resolve(ModelFiles.MANIFEST_FILE)),
                normalised(temp.resolve(ModelFiles.MANIFEST_FILE)));
    }

    /** The manifest text with line endings unified, so that a checkout with CRLF still compares. */
    private static String normalised(Path file) throws IOException {
        return Files.readString(file).replace("\r\n", "\n");
    }
}
