package reco.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.DeviceInfo;
import reco.kernels.DeviceUnavailableException;
import reco.kernels.Devices;
import reco.kernels.java.JavaDevice;
import reco.kernels.cuda.ffi.CudaContext;
import reco.kernels.cuda.ffi.CudaException;
import reco.kernels.cuda.ffi.CudaGpu;
import reco.kernels.opencl.Buffers;

/** Buffers, copies, timing, lifetimes and failures of the CUDA device: each an exception that says what. */
@RequiresCuda
class CudaDeviceTest {
    static CudaDevice cuda;

    @BeforeAll
    static void open() {
        cuda = (CudaDevice) new CudaBackend().open("cuda");
        System.out.println("CudaDeviceTest on " + cuda.info().name() + " " + cuda.info().details());
    }

    @AfterAll
    static void close() {
        if (cuda != null) {
            cuda.close();
        }
    }

    @Test
    void listingAndInfoNameTheGpu() {
        List<DeviceInfo> listed = new CudaBackend().list();
        assertEquals("cuda:0", listed.getFirst().spec());
        assertEquals("GPU", listed.getFirst().type());
        assertTrue(listed.getFirst().computeUnits() > 0 && listed.getFirst().globalMemoryBytes() > 0);
        assertTrue(cuda.info().details().get("compute capability").matches("\\d+\\.\\d+"), cuda.info().details().toString());
        assertTrue(cuda.info().details().get("PTX for").startsWith("compute_"), cuda.info().details().toString());
        assertEquals("cuda:0", Devices.resolve("auto").spec(), "auto prefers a CUDA GPU");
    }

    @Test
    void newBuffersAreZeroAndCopiesLandAtTheirOffsets() {
        DeviceBuffer b = cuda.allocate(40);
        assertArrayEquals(new int[10], Buffers.readInts(cuda, b, 10));
        cuda.write(b, 8, MemorySegment.ofArray(new int[] {7, 8, 9})); // a heap segment, staged
        try (Arena a = Arena.ofConfined()) {
            cuda.write(b, 28, a.allocateFrom(ValueLayout.JAVA_INT, -1, -2)); // a native one
            MemorySegment middle = a.allocate(12);
            cuda.read(b, 8, middle);
            assertArrayEquals(new int[] {7, 8, 9}, middle.toArray(ValueLayout.JAVA_INT));
        }
        assertArrayEquals(new int[] {0, 0, 7, 8, 9, 0, 0, -1, -2, 0}, Buffers.readInts(cuda, b, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> cuda.write(b, 36, MemorySegment.ofArray(new int[2])));
        b.close();
        b.close();
        assertTrue(b.isClosed());
        assertThrows(DeviceException.class, () -> Buffers.readInts(cuda, b, 1));
    }

    @Test
    void buffersOfAnotherDeviceAreRefused() {
        try (ComputeDevice java = new JavaDevice(1)) {
            DeviceBuffer foreign = java.allocate(16);
            DeviceException e = assertThrows(DeviceException.class, () -> Buffers.readInts(cuda, foreign, 4));
            assertTrue(e.getMessage().contains("not a CUDA buffer"), e.getMessage());
        }
    }

    @Test
    void closingTheDeviceFreesEveryBufferAndRefusesLaterUse() {
        CudaDevice d = (CudaDevice) new CudaBackend().open("cuda:0");
        DeviceBuffer b = d.allocate(1 << 20);
        d.allocate(64);
        assertEquals(2, d.liveBuffers());
        b.close();
        assertEquals(1, d.liveBuffers());
        d.close();
        d.close();
        assertEquals(0, d.liveBuffers());
        assertThrows(DeviceException.class, () -> d.allocate(4));
    }

    @Test
    void deviceTimeOfWorkIsMeasured() {
        DeviceBuffer b = cuda.allocate(64L << 20);
        float ms = cuda.deviceMillis(() -> cuda.write(b, 0, MemorySegment.ofArray(new float[16 << 20])));
        assertTrue(ms > 0 && ms < 60_000, "device milliseconds " + ms);
    }

    @Test
    void aMissingOrdinalOrBadSpecIsAUserError() {
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> new CudaBackend().open("cuda:4096"));
        assertTrue(e.getMessage().contains("no CUDA device 4096"), e.getMessage());
        e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("cuda:x"));
        assertTrue(e.getMessage().contains("cuda:ORDINAL"), e.getMessage());
    }

    @Test
    void ptxTheJitRefusesThrowsWithItsLog() {
        try (CudaContext context = CudaContext.retainPrimary(CudaGpu.all().getFirst())) {
            CudaException e = assertThrows(CudaException.class,
                    () -> context.load("broken.ptx", ".version 8.0\n.target sm_90\n.address_size 64\nnot ptx at all\n"));
            assertEquals("cuModuleLoadDataEx", e.function());
            assertTrue(e.errorName().startsWith("CUDA_ERROR_"), e.getMessage());
            assertTrue(e.getMessage().contains("broken.ptx"), e.getMessage());
        }
    }
}
