package reco.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import reco.engine.data.DataException;
import reco.engine.data.MemoryBudget;
import reco.kernels.Optimizer;

/** The training memory estimate, computed by hand for one shape, and the failure it gives. */
class TrainingMemoryTest {
    /** 100 users, 50 movies, 8 factors: (150 rows × 9 floats × 4 bytes) = 5,400 bytes per parameter copy. */
    static final TrainConfig ADAM8 = TrainConfig.defaults().toBuilder().factors(8).build();

    @Test
    void countsEachCopyOfTheParametersAndTheLargerPhasesRatings() {
        // Host model + device parameters + 2 Adam moments = 4 copies = 21,600. Search: 1,100 staged order and
        // predictions × 4 = 4,400 plus 1,100 × 16 on the device = 17,600 → 22,000. Refit: the 1,100-row table
        // (× 20 = 22,000) plus the same 22,000 for training on it → 44,000, the larger.
        assertEquals(21_600 + 44_000, TrainingMemory.nativeBytes(ADAM8, 100, 50, 1000, 100, true, false));
        // Checkpoints stage 3 more copies; SGD has no moments; a GPU keeps the device copies off the host.
        assertEquals(21_600 + 3 * 5_400 + 44_000, TrainingMemory.nativeBytes(ADAM8, 100, 50, 1000, 100, true, true));
        TrainConfig sgd = ADAM8.toBuilder().optimizer(Optimizer.SGD).build();
        assertEquals(2 * 5_400 + 44_000, TrainingMemory.nativeBytes(sgd, 100, 50, 1000, 100, true, false));
        assertEquals(5_400 + 22_000 + 4_400, TrainingMemory.nativeBytes(ADAM8, 100, 50, 1000, 100, false, false));
        // Without validation there is no refit: the search is the peak.
        assertEquals(21_600 + 4_000 + 16_000, TrainingMemory.nativeBytes(ADAM8, 100, 50, 1000, 0, true, false));
    }

    @Test
    void aBlockedScheduleCountsItsArrangedCopyInsteadOfTheOrder() {
        TrainConfig blocked = ADAM8.toBuilder().blocks(4).batchSize(1).build();
        // 4 parameter copies = 21,600. Search: the arranged copy 1,000 × 20 + 100 predictions × 4 = 20,400
        // staged, plus 1,000 × 12 (user, item, rating; no order) + 100 × 16 on the device = 13,600 → 34,000.
        // Refit: the 1,100-row table (22,000) + 1,100 × 20 staged + 1,100 × 12 on the device = 57,200.
        assertEquals(21_600 + 57_200, TrainingMemory.nativeBytes(blocked, 100, 50, 1000, 100, true, false));
        // A GPU keeps the device copies off the host. Refit: the table and its arranged copy, 22,000 each.
        assertEquals(5_400 + 22_000 + 22_000, TrainingMemory.nativeBytes(blocked, 100, 50, 1000, 100, false, false));
    }

    @Test
    void aLimitBelowTheEstimateFailsWithBothFigures() {
        MemoryBudget small = new MemoryBudget(60_000);
        DataException e = assertThrows(DataException.class, () -> TrainingMemory.require(small, Path.of("r.csv"), ADAM8,
                100, 50, 1000, 100, 10_000, true, false));
        assertTrue(e.getMessage().startsWith("r.csv: training 8 factors for 100 users and 50 movies on 1100 ratings needs "
                + "about 74 KiB of memory (9.8 KiB already in use), but --max-memory allows 59 KiB"), e.getMessage());
        TrainingMemory.require(new MemoryBudget(80_000), Path.of("r.csv"), ADAM8, 100, 50, 1000, 100, 10_000, true, false);
    }
}
