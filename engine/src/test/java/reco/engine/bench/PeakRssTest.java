package reco.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** VmHWM read from a /proc status text, and from this process. */
class PeakRssTest {
    static final String STATUS = """
            Name:\tjava
            VmPeak:\t 9876543 kB
            VmHWM:\t  123456 kB
            VmRSS:\t  100000 kB
            Threads:\t42
            """;

    @Test
    void readsKibibytesAsBytes() {
        assertEquals(123_456L * 1024, PeakRss.parse(STATUS, "VmHWM"));
        assertEquals(100_000L * 1024, PeakRss.parse(STATUS, "VmRSS"));
    }

    @Test
    void aMissingOrOddLineIsUnknown() {
        assertEquals(PeakRss.UNKNOWN, PeakRss.parse(STATUS, "VmSwap"));
        assertEquals(PeakRss.UNKNOWN, PeakRss.parse(STATUS, "Threads"), "no unit");
        assertEquals(PeakRss.UNKNOWN, PeakRss.parse("VmHWM:\t 12 MB\n", "VmHWM"));
        assertEquals(PeakRss.UNKNOWN, PeakRss.parse("VmHWM:\t lots kB\n", "VmHWM"));
        assertEquals(PeakRss.UNKNOWN, PeakRss.parse("", "VmHWM"));
    }

    @Test
    void thisProcessHasAPeakOfAtLeastWhatItHoldsNow() {
        Assumptions.assumeTrue(Files.isReadable(PeakRss.STATUS), "no /proc/self/status (not Linux)");
        byte[] held = new byte[64 << 20];
        java.util.Arrays.fill(held, (byte) 1);
        long peak = PeakRss.ofThisProcess();
        assertTrue(peak >= held.length, "peak " + peak + " bytes with 64 MiB touched");
        assertTrue(held[held.length - 1] == 1);
    }
}
