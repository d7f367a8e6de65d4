package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reco.engine.train.TrainConfig;
import reco.kernels.Optimizer;

/** {@code reco bench} end to end at tiny sizes on the Java device: every part in this JVM, then one part in a JVM of its own. */
class BenchCommandTest {

    @Test
    void aTinyRunPrintsEveryTableAndDrawsTheChart(@TempDir Path tmp) throws IOException {
        Path png = tmp.resolve("scale.png");
        Cli r = Cli.run("bench", "--devices", "java:1", "--sizes", "2k,4k", "--timed-epochs", "1", "--kmeans", "300x4x3",
                "--load", "2k", "--target-rmse", "2", "--epochs", "2", "--factors", "4", "--plot", png.toString(), "--in-process");
        assertEquals(0, r.code(), r.toString());
        for (String heading : List.of("### Devices", "### Epoch time", "### Time to validation RMSE ≤ 2.0", "### k-means",
                "### ratings.csv", "### Peak memory (RSS)")) {
            assertTrue(r.out().contains(heading), heading + " in\n" + r);
        }
        List<String> epochRows = BenchTablesTest.section(r.out(), "### Epoch time");
        assertEquals(2 + 4, epochRows.size(), "two sizes × SGD and Adam:\n" + r);
        assertTrue(epochRows.get(2).startsWith("| 2k | 290 × 106 | sgd | java:1 | "), epochRows.get(2));
        assertTrue(r.out().contains("every part in one JVM"), r.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(List.of(1000, 600), List.of(image.getWidth(), image.getHeight()));
        CliUsageTest.assertNoStackTrace(r);
    }

    @Test
    void byDefaultEachPartRunsInAJvmOfItsOwn() {
        Cli r = Cli.run("bench", "--devices", "java:1", "--sizes", "2k", "--timed-epochs", "1", "--kmeans", "0", "--load", "0",
                "--target-rmse", "0", "--optimizer", "adam", "--factors", "4");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("each part in a JVM of its own"), r.out());
        assertTrue(r.err().contains("train 2k ratings on java:1, adam:"), "progress from the child JVM:\n" + r.err());
        List<String> memory = BenchTablesTest.section(r.out(), "### Peak memory (RSS)");
        assertEquals(2 + 2, memory.size(), "the part and reco bench itself:\n" + r.out());
        assertTrue(memory.get(2).matches("\\| train 2k ratings on java:1 \\| .+ \\| [0-9.]+ MiB \\|"), memory.get(2));
    }

    @Test
    void trainingFlagsReachEveryConfigurationAndTheOptimizerFlagPicksOne() {
        BenchCommand c = new BenchCommand();
        picocli.CommandLine cl = new picocli.CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs("--factors", "16", "--batch", "256", "--seed", "9");
        List<TrainConfig> both = BenchCommand.configs(c.training);
        assertEquals(List.of(Optimizer.SGD, Optimizer.ADAM), both.stream().map(TrainConfig::optimizer).toList());
        assertEquals(List.of(BenchCommand.SGD_LEARNING_RATE, TrainConfig.defaults().learningRate()),
                both.stream().map(TrainConfig::learningRate).toList());
        for (TrainConfig t : both) {
            assertEquals(List.of(16, 256, 9L), List.of(t.factors(), t.batchSize(), t.seed()));
        }
        cl.parseArgs("--optimizer", "sgd", "--lr", "0.05");
        List<TrainConfig> one = BenchCommand.configs(c.training);
        assertEquals(1, one.size());
        assertEquals(0.05f, one.getFirst().learningRate());
    }
}
