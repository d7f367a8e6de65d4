package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import reco.engine.model.CheckpointFiles;
import reco.engine.model.LoadedModel;
import reco.engine.model.MfModel;
import reco.engine.model.ModelFiles;

/**
 * {@code reco train --checkpoint-every 1} in a child JVM, killed with SIGKILL as soon as its first
 * checkpoint exists, then {@code reco train --resume}: the model equals an uninterrupted run's bit for
 * bit (Java device, same seed). The embedded ml-latest-small with 16 factors and up to 6 epochs plus
 * the refit keeps each run to a few seconds while leaving the child far from done when it is killed.
 */
class KillAndResumeTest {
    private static final String[] TRAINING = {"train", "--device", "java:2", "--factors", "16", "--epochs", "6",
            "--sample-user", "1"};

    @TempDir
    Path tmp;

    private static String[] with(String... more) {
        List<String> args = new ArrayList<>(List.of(TRAINING));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKilledTrainingResumesToTheUninterruptedModel() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "destroyForcibly sends SIGKILL on Linux");
        Path killed = tmp.resolve("killed");
        Path checkpoint = killed.resolve("checkpoint");
        Process child = startChild(with("--checkpoint-every", "1", "--out", killed.toString()), tmp.resolve("child.log"));
        try {
            while (!Files.exists(checkpoint.resolve(CheckpointFiles.INDEX_FILE)) && child.isAlive()) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), "the child ended before its first checkpoint:\n" + Files.readString(tmp.resolve("child.log")));
            child.destroyForcibly();
            assertEquals(137, child.waitFor(), "killed by SIGKILL (128 + 9)");
        } finally {
            child.destroyForcibly();
        }
        assertFalse(Files.exists(killed.resolve(ModelFiles.MANIFEST_FILE)), "the child was killed before it saved a model");
        String log = Files.readString(tmp.resolve("child.log"));
        System.out.println("killed child's output ended with: " + log.substring(Math.max(0, log.length() - 300)));

        Path whole = tmp.resolve("whole");
        Cli reference = Cli.run(with("--out", whole.toString()));
        assertEquals(0, reference.code(), reference.toString());
        Path resumed = tmp.resolve("resumed");
        Cli resume = Cli.run("train", "--resume", checkpoint.toString(), "--device", "java:2", "--out", resumed.toString());
        assertEquals(0, resume.code(), resume.toString());
        assertTrue(resume.out().contains("Resuming from " + checkpoint + " at "), resume.out());
        assertSameTensors(whole, resumed);
    }

    private static Process startChild(String[] args, Path log) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "-Dreco.home=" + EmbeddedData.dir().getParent().getParent(),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void assertSameTensors(Path expectedDir, Path actualDir) {
        try (LoadedModel a = ModelFiles.load(expectedDir); LoadedModel b = ModelFiles.load(actualDir)) {
            MfModel x = a.model();
            MfModel y = b.model();
            assertEquals(Float.floatToRawIntBits(x.globalMean()), Float.floatToRawIntBits(y.globalMean()));
            List<MemorySegment> left = List.of(x.userFactors(), x.itemFactors(), x.userBias(), x.itemBias());
            List<MemorySegment> right = List.of(y.userFactors(), y.itemFactors(), y.userBias(), y.itemBias());
            for (int k = 0; k < left.size(); k++) {
                assertEquals(-1, left.get(k).mismatch(right.get(k)), "tensor " + k + " differs");
            }
            assertEquals(a.manifest().trainingHistory().size(), b.manifest().trainingHistory().size());
        }
    }
}
