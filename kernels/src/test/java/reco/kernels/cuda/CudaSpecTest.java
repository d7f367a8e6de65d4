package reco.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import reco.kernels.DeviceUnavailableException;

/** {@code cuda[:ORDINAL]} specs, without a GPU. */
class CudaSpecTest {

    @Test
    void specsParse() {
        assertEquals(new CudaSpec(0), CudaSpec.parse("cuda"));
        assertEquals(new CudaSpec(0), CudaSpec.parse("cuda:0"));
        assertEquals(new CudaSpec(3), CudaSpec.parse("cuda:3"));
    }

    @Test
    void malformedSpecsSayWhatIsAccepted() {
        for (String bad : new String[] {"cuda:", "cuda:x", "cuda:-1", "cuda:1:2", "cudax", "cuda:0x1"}) {
            DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> CudaSpec.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("cuda:ORDINAL"),
                    e.getMessage());
        }
    }
}
