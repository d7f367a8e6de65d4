package reco.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reco.engine.data.RatingTable;

class DataFingerprintTest {

    @TempDir
    Path temp;

    private static RatingTable table(float lastRating) {
        RatingTable t = RatingTable.allocate(3);
        t.set(0, 0, 1, 4.0f, 100);
        t.set(1, 1, 0, 3.5f, 200);
        t.set(2, 1, 2, lastRating, 300);
        return t;
    }

    @Test
    void namesTheSourcesAndChangesWithAnyRating() throws IOException {
        Path source = Files.writeString(temp.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        try (RatingTable a = table(5.0f); RatingTable same = table(5.0f); RatingTable other = table(4.5f)) {
            String fa = DataFingerprint.of(List.of(source), a);
            assertTrue(fa.startsWith("ratings.csv 32 B; 3 ratings sha256 "), fa);
            assertEquals(fa, DataFingerprint.of(List.of(source), same));
            assertNotEquals(fa, DataFingerprint.of(List.of(source), other));
        }
    }
}
