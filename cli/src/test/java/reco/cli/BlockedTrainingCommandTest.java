package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reco.engine.data.Synthetic;
import reco.engine.model.ModelFiles;

/** {@code reco train --blocks}: the schedule is announced, trains, and is recorded in the manifest. */
class BlockedTrainingCommandTest {
    @TempDir
    Path tmp;

    @Test
    void blocksTrainOneRatingAtATimeAndAreRecorded() throws IOException {
        Path data = tmp.resolve("data");
        Path model = tmp.resolve("model");
        Synthetic.generate(data, 200, 120, 12_000, 3, 17);
        Cli r = Cli.run("train", "--data", data.toString(), "--device", "java:2", "--blocks", "4", "--optimizer", "sgd",
                "--init-scale", "0.1", "--factors", "8", "--epochs", "5", "--out", model.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("one rating per update in 4 × 4 blocks"), r.out());
        String manifest = Files.readString(model.resolve(ModelFiles.MANIFEST_FILE));
        assertTrue(manifest.contains("\"blocks\" : 4") && manifest.contains("\"batch_size\" : 1"), manifest);
    }
}
