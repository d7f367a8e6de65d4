package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.DeviceUnavailableException;
import reco.kernels.Devices;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.RatingBuffers;
import reco.kernels.opencl.ffi.ClContext;
import reco.kernels.opencl.ffi.ClDevice;
import reco.kernels.opencl.ffi.ClEvent;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClPlatform;
import reco.kernels.opencl.ffi.ClProgram;
import reco.kernels.opencl.ffi.ClQueue;
import reco.kernels.opencl.ffi.OpenClException;

/** What goes wrong, and that it is an exception that says what, never a crash. */
@RequiresOpenCl
class OpenClErrorsTest {
    static ComputeDevice cl;

    @BeforeAll
    static void open() {
        cl = Devices.open("opencl");
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
    }

    private static ClDevice firstDevice() {
        return OpenClSpec.parse("opencl").select(ClPlatform.all());
    }

    @Test
    void aSourceThatDoesNotBuildThrowsWithTheBuildLog() {
        try (ClContext context = ClContext.create(firstDevice())) {
            OpenClException e = assertThrows(OpenClException.class, () -> context.buildProgram("broken.cl",
                    List.of("kernel void broken(global float* x) { x[0] = no_such_name; }"), "-D WIDTH=1"));
            assertEquals("clBuildProgram", e.function());
            assertEquals(-11, e.status());
            assertEquals("CL_BUILD_PROGRAM_FAILURE", e.statusName());
            assertTrue(e.buildLog().contains("no_such_name"), e.buildLog());
            assertTrue(e.getMessage().contains("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)"), e.getMessage());
            assertTrue(e.getMessage().contains("broken.cl") && e.getMessage().contains("no_such_name"), e.getMessage());
        }
    }

    @Test
    void badSpecsAreUnavailableDevicesThatSayWhy() {
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("opencl:9:9"));
        assertTrue(e.getMessage().contains("no OpenCL platform 9"), e.getMessage());
        e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("opencl:x"));
        assertTrue(e.getMessage().contains("opencl:PLATFORM:DEVICE"), e.getMessage());
        e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("opencl:0:99"));
        assertTrue(e.getMessage().contains("no OpenCL device 99 on platform 0"), e.getMessage());
    }

    @Test
    void aReleasedBufferThrowsAndTheDeviceCarriesOn() {
        DeviceBuffer b = cl.allocate(64);
        b.close();
        b.close();
        assertTrue(b.isClosed());
        MemorySegment eight = MemorySegment.ofArray(new float[2]);
        assertThrows(DeviceException.class, () -> cl.write(b, 0, eight));
        assertThrows(DeviceException.class, () -> cl.read(b, 0, eight));
        DeviceBuffer p = Buffers.floats(cl, new float[4]);
        FactorModel model = new FactorModel(new Matrix(p, 1, 4), new Matrix(p, 1, 4), null, null, 0f, false);
        RatingBuffers one = new RatingBuffers(Buffers.ints(cl, new int[1]), Buffers.ints(cl, new int[1]),
                Buffers.floats(cl, new float[1]), 1);
        assertThrows(DeviceException.class, () -> cl.predict(model, one, 0, 1, b));
        DeviceBuffer out = cl.allocate(4);
        cl.predict(model, one, 0, 1, out);
        assertArrayEquals(new float[] {0f}, Buffers.readFloats(cl, out, 1));
    }

    @Test
    void aClosedDeviceThrowsAndItsBuffersAreClosed() {
        ComputeDevice d = new OpenClBackend().open("opencl");
        DeviceBuffer b = Buffers.floats(d, new float[] {1, 2, 3});
        d.close();
        d.close();
        assertTrue(b.isClosed());
        assertThrows(DeviceException.class, () -> d.allocate(4));
        assertThrows(DeviceException.class, () -> d.read(b, 0, MemorySegment.ofArray(new float[3])));
        assertThrows(DeviceException.class, d::finish);
        b.close();
    }

    @Test
    void aBufferOfAnotherDeviceIsRefused() {
        try (ComputeDevice other = new OpenClBackend().open("opencl")) {
            DeviceBuffer foreign = other.allocate(16);
            DeviceException e = assertThrows(DeviceException.class,
                    () -> cl.write(foreign, 0, MemorySegment.ofArray(new int[1])));
            assertTrue(e.getMessage().contains("another device"), e.getMessage());
        }
    }

    @Test
    void writesAndReadsRespectOffsetsAndBounds() {
        DeviceBuffer b = cl.allocate(40);
        assertArrayEquals(new int[10], Buffers.readInts(cl, b, 10), "a new buffer is zero");
        cl.write(b, 8, MemorySegment.ofArray(new int[] {5, 6, 7}));
        int[] part = new int[4];
        cl.read(b, 4, MemorySegment.ofArray(part));
        assertArrayEquals(new int[] {0, 5, 6, 7}, part);
        assertThrows(IndexOutOfBoundsException.class, () -> cl.write(b, 32, MemorySegment.ofArray(new int[3])));
        assertThrows(IndexOutOfBoundsException.class, () -> cl.read(b, -4, MemorySegment.ofArray(new int[1])));
    }

    /** The explicit-copy path that discrete GPUs take, forced on a device that shares memory. */
    @Test
    void explicitCopyBuffersBehaveLikeHostBackedOnes() {
        try (OpenClDevice copying = new OpenClDevice(firstDevice(), false)) {
            assertTrue(copying.info().details().get("buffers").startsWith("device memory"));
            DeviceBuffer b = copying.allocate(24);
            assertArrayEquals(new float[6], Buffers.readFloats(copying, b, 6), "a new buffer is zero");
            copying.write(b, 4, MemorySegment.ofArray(new float[] {1.5f, -2f}));
            assertArrayEquals(new float[] {0, 1.5f, -2f, 0, 0, 0}, Buffers.readFloats(copying, b, 6));
            DeviceBuffer a = Buffers.ints(copying, new int[] {0, 1, 1, 0});
            Matrix points = new Matrix(Buffers.floats(copying, new float[] {1, 1, 3, 3, 5, 5, 7, 7}), 4, 2);
            Matrix sums = new Matrix(copying.allocate(16), 2, 2);
            DeviceBuffer counts = copying.allocate(8);
            copying.kmeansUpdate(points, a, sums, counts);
            assertArrayEquals(new float[] {8, 8, 8, 8}, Buffers.readFloats(copying, sums.buffer(), 4));
            assertArrayEquals(new int[] {2, 2}, Buffers.readInts(copying, counts, 2));
        }
    }

    @Test
    void aProfiledLaunchReportsItsTimeAndItsEventCannotBeUsedAfterRelease() {
        try (ClContext context = ClContext.create(firstDevice());
             ClQueue queue = context.createQueue(true);
             ClProgram program = context.buildProgram("twice.cl",
                     List.of("kernel void twice(global float* x) { x[get_global_id(0)] *= 2.0f; }"), "");
             ClKernel kernel = program.kernel("twice");
             reco.kernels.opencl.ffi.ClMem mem = context.createBuffer(4 * 64, true)) {
            queue.write(mem, 0, MemorySegment.ofArray(new float[] {1, 2, 3}));
            kernel.set(0, mem);
            ClEvent event = queue.launchProfiled(kernel, 64, 64);
            assertTrue(event.elapsedNanos() >= 0);
            event.close();
            assertThrows(DeviceException.class, event::elapsedNanos);
            float[] back = new float[3];
            queue.read(mem, 0, MemorySegment.ofArray(back));
            assertArrayEquals(new float[] {2, 4, 6}, back);
            queue.finish();
        }
    }
}
