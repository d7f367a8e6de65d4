package reco.kernels.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;

/** Test helpers: arrays into device buffers and back. */
public final class Buffers {
    private Buffers() {
    }

    public static DeviceBuffer floats(ComputeDevice d, float[] values) {
        DeviceBuffer b = d.allocate(4L * values.length);
        d.write(b, 0, MemorySegment.ofArray(values));
        return b;
    }

    public static DeviceBuffer ints(ComputeDevice d, int[] values) {
        DeviceBuffer b = d.allocate(4L * values.length);
        d.write(b, 0, MemorySegment.ofArray(values));
        return b;
    }

    public static float[] readFloats(ComputeDevice d, DeviceBuffer b, int n) {
        try (Arena a = Arena.ofShared()) {
            MemorySegment s = a.allocate(4L * n);
            d.read(b, 0, s);
            return s.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    public static int[] readInts(ComputeDevice d, DeviceBuffer b, int n) {
        try (Arena a = Arena.ofShared()) {
            MemorySegment s = a.allocate(4L * n);
            d.read(b, 0, s);
            return s.toArray(ValueLayout.JAVA_INT);
        }
    }
}
