package reco.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void javaSpecWithThreadsOpensThatManyThreads() {
        try (ComputeDevice d = Devices.open("java:3")) {
            assertEquals(3, d.info().computeUnits());
            assertEquals("java", d.info().backend());
        }
    }

    @Test
    void badSpecsAreUserErrorsThatSayWhatIsAccepted() {
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("java:zero"));
        assertTrue(e.getMessage().contains("java:THREADS"), e.getMessage());
        e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("tpu"));
        assertTrue(e.getMessage().contains("reco devices"), e.getMessage());
    }

    @Test
    void autoWithoutGpuChoosesJavaAndSaysWhy() {
        Devices.Choice c = Devices.resolve("auto");
        if (c.spec().equals("java")) {
            assertTrue(c.reason().contains("no GPU"), c.reason());
        }
    }
}
