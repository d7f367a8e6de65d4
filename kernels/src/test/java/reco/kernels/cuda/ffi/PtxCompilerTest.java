package reco.kernels.cuda.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import reco.kernels.DeviceException;

/** The architecture NVRTC is asked for: the device's, or the newest one NVRTC has below it. */
class PtxCompilerTest {
    static final int[] SUPPORTED = {75, 80, 86, 87, 89, 90, 100, 103, 110, 120, 121};

    @Test
    void theDevicesOwnArchitectureWhenNvrtcHasIt() {
        assertEquals(90, PtxCompiler.architectureFor(90, SUPPORTED));
        assertEquals(75, PtxCompiler.architectureFor(75, SUPPORTED));
    }

    @Test
    void elseTheNewestOneBelowIt() {
        assertEquals(89, PtxCompiler.architectureFor(89, new int[] {80, 86, 89}));
        assertEquals(90, PtxCompiler.architectureFor(95, SUPPORTED));
        assertEquals(121, PtxCompiler.architectureFor(130, SUPPORTED));
    }

    @Test
    void anNvrtcThatCannotSayIsAskedForTheDevicesOwn() {
        assertEquals(90, PtxCompiler.architectureFor(90, null));
        assertEquals(61, PtxCompiler.architectureFor(61, new int[0]));
    }

    @Test
    void aDeviceOlderThanEveryArchitectureIsRefusedWithTheFix() {
        DeviceException e = assertThrows(DeviceException.class, () -> PtxCompiler.architectureFor(61, SUPPORTED));
        assertTrue(e.getMessage().contains("compute_75 and newer") && e.getMessage().contains("-Dreco.nvrtc.library"),
                e.getMessage());
    }
}
