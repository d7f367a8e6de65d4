package reco.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import reco.engine.train.Init;
import reco.engine.train.TrainConfig;
import reco.kernels.Optimizer;

/** Training settings given as name=value text, field by field. */
class ConfigOverridesTest {
    static final TrainConfig BASE = TrainConfig.defaults();

    @Test
    void namedFieldsChangeAndTheRestStay() {
        TrainConfig c = ConfigOverrides.apply(BASE, "batchSize=4096; optimizer=sgd;learningRate=0.02;init=UNIFORM;biased=false");
        assertEquals(BASE.toBuilder().batchSize(4096).optimizer(Optimizer.SGD).learningRate(0.02f).init(Init.UNIFORM)
                .biased(false).build(), c);
    }

    @Test
    void blankChangesNothing() {
        assertEquals(BASE, ConfigOverrides.apply(BASE, ""));
        assertEquals(BASE, ConfigOverrides.apply(BASE, " ; "));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.apply(BASE, "batch=4096"));
        assertTrue(e.getMessage().contains("'batch=4096'") && e.getMessage().contains("batchSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.apply(BASE, "batchSize"));
    }

    @Test
    void aValueOfTheWrongTypeOrRefusedByTheConfigNamesTheSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.apply(BASE, "factors=many"));
        assertTrue(e.getMessage().startsWith("training settings 'factors=many': "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.apply(BASE, "factors=0"));
        assertTrue(e.getMessage().contains("--factors must be between 1 and 4096"), e.getMessage());
    }
}
