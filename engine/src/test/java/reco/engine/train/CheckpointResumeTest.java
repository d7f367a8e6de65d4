package reco.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.data.Split;
import reco.engine.data.SplitTables;
import reco.engine.data.Synthetic;
import reco.engine.model.CheckpointFiles;
import reco.engine.model.MfModel;
import reco.engine.model.ModelFileException;
import reco.kernels.Optimizer;
import reco.kernels.java.JavaDevice;

/**
 * Checkpoints: a run resumed from any of its checkpoints — while searching, at the patience limit, in
 * the refit — ends with the uninterrupted run's model bit for bit; a diverging run never overwrites its
 * last good checkpoint; damaged checkpoints and mismatched data or settings are refused.
 */
class CheckpointResumeTest {
    static final long SEED = 5;
    /** 300 users × 200 movies, 20,000 ratings of a rank-4 structure: early stopping stops within 30 epochs. */
    static final int USERS = 300;
    static final int ITEMS = 200;

    @TempDir
    Path tmp;

    static IdIndex ids(int n) {
        return IdIndex.of(LongStream.range(0, n).toArray());
    }

    static TrainConfig config() {
        return TrainConfig.defaults().toBuilder().factors(8).epochs(30).learningRate(0.01f).patience(2).seed(SEED).build();
    }

    /** The fit/validation split of a synthetic set, closed together. */
    record Data(RatingTable all, RatingTable fit, RatingTable validation) implements AutoCloseable {
        static Data make() {
            RatingTable all = Synthetic.table(USERS, ITEMS, 20_000, 4, SEED);
            SplitTables s = Split.random(all, 0.1, SEED);
            return new Data(all, s.train(), s.test());
        }

        @Override
        public void close() {
            all.close();
            fit.close();
            validation.close();
        }
    }

    static void assertSameModel(MfModel expected, MfModel actual) {
        assertEquals(Float.floatToRawIntBits(expected.globalMean()), Float.floatToRawIntBits(actual.globalMean()));
        List<MemorySegment> a = List.of(expected.userFactors(), expected.itemFactors(), expected.userBias(), expected.itemBias());
        List<MemorySegment> b = List.of(actual.userFactors(), actual.itemFactors(), actual.userBias(), actual.itemBias());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(-1, a.get(k).mismatch(b.get(k)), "tensor " + k + " differs");
        }
    }

    /** Copies the checkpoint folder as it is at each epoch's end, before that epoch's checkpoint is saved. */
    private final class Snapshots implements TrainingListener {
        final Path dir;
        final List<Path> copies = new ArrayList<>();

        Snapshots(Path dir) {
            this.dir = dir;
        }

        @Override
        public void epochEnded(EpochReport report, int maxEpochs) {
            if (Files.exists(dir.resolve(CheckpointFiles.INDEX_FILE))) {
                copies.add(copy(dir, tmp.resolve("copy-" + copies.size())));
            }
        }
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return to;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void resumingFromEveryCheckpointGivesTheUninterruptedModelBitForBit() {
        Path dir = tmp.resolve("checkpoint");
        try (Data d = Data.make(); JavaDevice device = new JavaDevice(2)) {
            IdIndex users = ids(USERS);
            IdIndex items = ids(ITEMS);
            Snapshots snapshots = new Snapshots(dir);
            TrainResult whole = new Trainer(device, config(), snapshots)
                    .checkpointing(new CheckpointPolicy(dir, 1, Map.of("note", "test")))
                    .train(d.fit, d.validation, users, items);
            snapshots.copies.add(copy(dir, tmp.resolve("copy-last")));
            long refitEpochs = whole.history().stream().filter(EpochReport::refit).count();
            long searchEpochs = whole.history().size() - refitEpochs;
            System.out.printf("uninterrupted: %d search epochs (best %d), %d refit epochs, %d checkpoints (seed %d)%n",
                    searchEpochs, whole.bestEpoch(), refitEpochs, snapshots.copies.size(), SEED);
            assertTrue(searchEpochs > whole.bestEpoch() && refitEpochs == whole.bestEpoch() && refitEpochs >= 2,
                    "early stopping and refit both ran");
            assertEquals(whole.history().size(), snapshots.copies.size());
            // Every fifth checkpoint, and each one around the end of the search (patience running out, the
            // refit starting) and the last.
            int boundary = (int) searchEpochs;
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < snapshots.copies.size(); i++) {
                if (i % 5 == 0 || Math.abs(i - boundary) <= 2 || i == snapshots.copies.size() - 1) {
                    picked.add(i);
                }
            }
            try (MfModel expected = whole.model()) {
                for (int i : picked) {
                    try (TrainingCheckpoint cp = TrainingCheckpoint.load(snapshots.copies.get(i))) {
                        assertEquals(Map.of("note", "test"), cp.run());
                        TrainResult resumed = new Trainer(device, config(), null).resume(cp, d.fit, d.validation, users, items);
                        try (MfModel actual = resumed.model()) {
                            assertSameModel(expected, actual);
                        }
                        assertEquals(whole.history().size(), resumed.history().size(), cp.describe());
                        assertEquals(whole.bestEpoch(), resumed.bestEpoch(), cp.describe());
                    }
                }
            }
        }
    }

    /** The blocked schedule replays its strata orders from the seed, as the shuffled one replays its shuffles. */
    @Test
    void resumingABlockedRunGivesTheUninterruptedModelBitForBit() {
        Path dir = tmp.resolve("checkpoint");
        TrainConfig blocked = config().toBuilder().batchSize(1).blocks(4).epochs(6).patience(0).refit(false).build();
        try (Data d = Data.make(); JavaDevice device = new JavaDevice(2)) {
            Snapshots snapshots = new Snapshots(dir);
            TrainResult whole = new Trainer(device, blocked, snapshots)
                    .checkpointing(new CheckpointPolicy(dir, 1, Map.of()))
                    .train(d.fit, d.validation, ids(USERS), ids(ITEMS));
            try (MfModel expected = whole.model();
                 TrainingCheckpoint cp = TrainingCheckpoint.load(snapshots.copies.get(2))) {
                TrainResult resumed = new Trainer(device, blocked, null).resume(cp, d.fit, d.validation, ids(USERS), ids(ITEMS));
                try (MfModel actual = resumed.model()) {
                    assertSameModel(expected, actual);
                }
            }
        }
    }

    @Test
    void checkpointingDoesNotChangeTheModel() {
        try (Data d = Data.make(); JavaDevice device = new JavaDevice(2)) {
            TrainResult plain = new Trainer(device, config(), null).train(d.fit, d.validation, ids(USERS), ids(ITEMS));
            TrainResult saved = new Trainer(device, config(), null)
                    .checkpointing(new CheckpointPolicy(tmp.resolve("c"), 3, null))
                    .train(d.fit, d.validation, ids(USERS), ids(ITEMS));
            try (MfModel a = plain.model(); MfModel b = saved.model()) {
                assertSameModel(a, b);
            }
        }
    }

    @Test
    void divergenceKeepsTheLastGoodCheckpointAndSaysToLowerTheRate() {
        Path dir = tmp.resolve("checkpoint");
        // Plain SGD at rate 80 on this set blows up after a few epochs (found by a sweep: 60 converges).
        TrainConfig wild = config().toBuilder().optimizer(Optimizer.SGD).learningRate(80f).patience(0).refit(false).build();
        try (RatingTable all = Synthetic.table(USERS, ITEMS, 20_000, 4, 3); JavaDevice device = new JavaDevice(2)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer(device, wild, null)
                    .checkpointing(new CheckpointPolicy(dir, 1, null)).train(all, null, ids(USERS), ids(ITEMS)));
            assertTrue(e.getMessage().contains("try a smaller --lr than 80.0"), e.getMessage());
            assertTrue(e.getMessage().contains("the last good checkpoint (epoch "), e.getMessage());
            assertTrue(e.getMessage().contains("--resume " + dir), e.getMessage());
            try (TrainingCheckpoint cp = TrainingCheckpoint.load(dir)) {
                int epoch = cp.state().epoch();
                assertTrue(e.getMessage().contains("(epoch " + epoch + ")"), e.getMessage() + " vs " + cp.describe());
                assertTrue(epoch >= 1 && epoch < wild.epochs(), cp.describe());
                // The saved parameters are finite, and training on from them at a sane rate works.
                TrainConfig calm = wild.toBuilder().learningRate(10f).build();
                TrainResult r = new Trainer(device, calm, null).resume(cp, all, null, ids(USERS), ids(ITEMS));
                try (MfModel m = r.model()) {
                    for (long i = 0; i < m.userFactors().byteSize() / Float.BYTES; i++) {
                        assertTrue(Float.isFinite(m.userFactors().getAtIndex(ValueLayout.JAVA_FLOAT, i)));
                    }
                }
                assertEquals(30, r.epochsRun());
            }
        }
    }

    @Test
    void aDamagedCheckpointIsRefusedWithItsFileNamed() throws IOException {
        Path dir = tmp.resolve("checkpoint");
        try (Data d = Data.make(); JavaDevice device = new JavaDevice(1)) {
            TrainConfig short2 = config().toBuilder().epochs(2).build();
            new Trainer(device, short2, null).checkpointing(new CheckpointPolicy(dir, 1, null))
                    .train(d.fit, d.validation, ids(USERS), ids(ITEMS)).model().close();
        }
        Path state;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> states = files.filter(f -> f.getFileName().toString().startsWith("state-")).toList();
            assertEquals(1, states.size(), "older state files are deleted: " + states);
            state = states.getFirst();
        }
        byte[] bytes = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        ModelFileException cut = assertThrows(ModelFileException.class, () -> TrainingCheckpoint.load(dir));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        bytes[bytes.length - 1] ^= 1;
        Files.write(state, bytes);
        ModelFileException flipped = assertThrows(ModelFileException.class, () -> TrainingCheckpoint.load(dir));
        assertTrue(flipped.getMessage().contains("checksum mismatch"), flipped.getMessage());
        Files.writeString(dir.resolve(CheckpointFiles.INDEX_FILE), "{\"format_version\": 99}");
        ModelFileException version = assertThrows(ModelFileException.class, () -> TrainingCheckpoint.load(dir));
        assertTrue(version.getMessage().contains("checkpoint format version 99"), version.getMessage());
        ModelFileException none = assertThrows(ModelFileException.class, () -> TrainingCheckpoint.load(tmp.resolve("none")));
        assertTrue(none.getMessage().contains("no checkpoint folder"), none.getMessage());
    }

    @Test
    void aSaveKilledBeforeItsCommitLeavesThePreviousCheckpoint() throws IOException {
        Path dir = tmp.resolve("checkpoint");
        try (Data d = Data.make(); JavaDevice device = new JavaDevice(1)) {
            TrainConfig two = config().toBuilder().epochs(2).refit(false).build();
            new Trainer(device, two, null).checkpointing(new CheckpointPolicy(dir, 1, null))
                    .train(d.fit, d.validation, ids(USERS), ids(ITEMS)).model().close();
            // A later save killed twice: once while writing its state (a temporary file), once after renaming
            // it but before replacing checkpoint.json (a complete state file nothing points at).
            Files.writeString(dir.resolve(".state-000099-search-e3.safetensors.123-1.tmp"), "half");
            Files.write(dir.resolve("state-000099-search-e3.safetensors"), new byte[100]);
            try (TrainingCheckpoint cp = TrainingCheckpoint.load(dir)) {
                assertEquals(2, cp.state().epoch(), "checkpoint.json still names the last complete save");
            }
            TrainConfig three = two.toBuilder().epochs(3).build();
            try (TrainingCheckpoint cp = TrainingCheckpoint.load(dir)) {
                new Trainer(device, three, null).checkpointing(new CheckpointPolicy(dir, 1, null))
                        .resume(cp, d.fit, d.validation, ids(USERS), ids(ITEMS)).model().close();
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("checkpoint.json", "state-000100-search-e3.safetensors"), names,
                    "the next save takes a new name and clears what the killed ones left");
        }
    }

    @Test
    void otherDataOrOtherSettingsCannotResume() {
        Path dir = tmp.resolve("checkpoint");
        try (Data d = Data.make(); JavaDevice device = new JavaDevice(1)) {
            TrainConfig two = config().toBuilder().epochs(2).build();
            new Trainer(device, two, null).checkpointing(new CheckpointPolicy(dir, 1, null))
                    .train(d.fit, d.validation, ids(USERS), ids(ITEMS)).model().close();
            try (TrainingCheckpoint cp = TrainingCheckpoint.load(dir)) {
                IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                        () -> new Trainer(device, two, null).resume(cp, d.validation, d.fit, ids(USERS), ids(ITEMS)));
                assertTrue(data.getMessage().contains("differ from those the checkpoint was made with"), data.getMessage());
                TrainConfig wider = two.toBuilder().factors(16).build();
                IllegalArgumentException settings = assertThrows(IllegalArgumentException.class,
                        () -> new Trainer(device, wider, null).resume(cp, d.fit, d.validation, ids(USERS), ids(ITEMS)));
                assertTrue(settings.getMessage().contains("keeps the checkpoint's settings"), settings.getMessage());
            }
        }
    }
}
