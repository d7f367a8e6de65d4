package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.RatingBuffers;

/** Buffer life cycle on the Java device: zero-filled, offsets, use after close, double close, device close. */
class JavaBufferTest {

    @Test
    void allocateIsZeroFilled() {
        try (JavaDevice d = new JavaDevice(1)) {
            for (int round = 0; round < 3; round++) {
                DeviceBuffer b = d.allocate(4099);
                byte[] seen = new byte[4099];
                Arrays.fill(seen, (byte) 0x55);
                d.read(b, 0, MemorySegment.ofArray(seen));
                assertArrayEquals(new byte[4099], seen, "round " + round);
                byte[] ones = new byte[4099];
                Arrays.fill(ones, (byte) -1);
                d.write(b, 0, MemorySegment.ofArray(ones));
                b.close();
            }
            assertEquals(0, d.allocate(0).byteSize());
        }
    }

    @Test
    void writeAndReadHonourByteOffsets() {
        try (JavaDevice d = new JavaDevice(1)) {
            DeviceBuffer b = d.allocate(6 * Float.BYTES);
            d.write(b, 2 * Float.BYTES, MemorySegment.ofArray(new float[] {1, 2, 3}));
            assertArrayEquals(new float[] {0, 0, 1, 2, 3, 0}, HostArrays.readFloats(d, b));
            float[] middle = new float[2];
            d.read(b, 3 * Float.BYTES, MemorySegment.ofArray(middle));
            assertArrayEquals(new float[] {2, 3}, middle);
            assertThrows(RuntimeException.class, () -> d.read(b, 5 * Float.BYTES, MemorySegment.ofArray(middle)), "past the end");
        }
    }

    @Test
    void useAfterCloseIsADeviceExceptionAndCloseTwiceIsHarmless() {
        try (JavaDevice d = new JavaDevice(1)) {
            DeviceBuffer kept = d.allocate(16);
            DeviceBuffer b = d.allocate(16);
            assertEquals(2, d.liveBuffers());
            b.close();
            b.close();
            assertTrue(b.isClosed());
            assertFalse(kept.isClosed());
            assertEquals(1, d.liveBuffers());
            MemorySegment four = MemorySegment.ofArray(new float[4]);
            assertThrows(DeviceException.class, () -> d.write(b, 0, four));
            assertThrows(DeviceException.class, () -> d.read(b, 0, four));
            RatingBuffers ratings = new RatingBuffers(kept, kept, kept, 4);
            DeviceException e = assertThrows(DeviceException.class, () -> d.predict(
                    HostArrays.model(d, 1, new float[4], new float[4], null, null, 0, false), ratings, 0, 4, b));
            assertTrue(e.getMessage().contains("after close"), e.getMessage());
        }
    }

    @Test
    void closingTheDeviceFreesEveryLiveBufferAndRefusesFurtherUse() {
        JavaDevice d = new JavaDevice(2);
        DeviceBuffer a = d.allocate(8);
        DeviceBuffer b = d.allocate(8);
        DeviceBuffer c = d.allocate(8);
        b.close();
        assertEquals(2, d.liveBuffers());

        d.close();
        d.close();

        assertEquals(0, d.liveBuffers());
        assertTrue(a.isClosed() && b.isClosed() && c.isClosed());
        a.close();
        assertThrows(DeviceException.class, () -> d.allocate(8));
        assertThrows(DeviceException.class, () -> d.read(c, 0, MemorySegment.ofArray(new byte[8])));
        assertThrows(DeviceException.class, d::finish);
    }

    @Test
    void aBufferOfAnotherDeviceIsRefused() {
        try (JavaDevice d = new JavaDevice(1); JavaDevice other = new JavaDevice(1)) {
            DeviceBuffer foreign = other.allocate(8);
            DeviceException e = assertThrows(DeviceException.class, () -> d.write(foreign, 0, MemorySegment.ofArray(new byte[8])));
            assertTrue(e.getMessage().contains("another device"), e.getMessage());
        }
    }
}
