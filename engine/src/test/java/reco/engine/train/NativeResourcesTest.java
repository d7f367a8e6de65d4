package reco.engine.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.data.Synthetic;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.Devices;

/**
 * Native resources on each device: opening and closing it 1,000 times, and training 100 tiny models in
 * one process, keep the resident set flat (growth under {@link #RSS_BOUND} after a warm-up, figures
 * printed); a buffer used after close, or a device used after close, raises {@link DeviceException}
 * instead of crashing the JVM. Each cycle allocates enough that one leaked buffer or model per cycle
 * would exceed the bound several times over: a megabyte per open/close cycle (1,000 MiB in all), a
 * 1.7 MiB host model plus 5 MiB of device state per training (over 600 MiB in all).
 *
 * <p>Runs on {@code java:2}, and on {@code opencl} when {@link Devices#list()} shows an OpenCL device:
 * skipped otherwise, failed when {@code RECO_REQUIRE_OPENCL=1} (CI) and none is there.
 */
class NativeResourcesTest {
    /** Allowed growth of the resident set over the measured cycles: allocator and JIT noise, not a leak. */
    static final long RSS_BOUND = 64L << 20;
    static final int OPEN_CLOSE_CYCLES = 1000;
    static final int TRAININGS = 100;
    static final long SEED = 13;

    static Stream<String> devices() {
        return Stream.of("java:2", "opencl");
    }

    /** Skips a device that is not here, unless the build requires it. */
    static void requireDevice(String spec) {
        String backend = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        boolean present = Devices.list().stream()
                .anyMatch(l -> l.backend().equals(backend) && !l.devices().isEmpty());
        if (!present && backend.equals("opencl") && "1".equals(System.getenv("RECO_REQUIRE_OPENCL"))) {
            fail("RECO_REQUIRE_OPENCL=1 but Devices.list() shows no OpenCL device");
        }
        assumeTrue(present, "no " + backend + " device here");
    }

    /**
     * Memory held, in bytes, after a collection: VmRSS less the free part of the Java heap. The Java
     * device keeps its buffers on the heap, which grows and keeps its committed pages after they are
     * freed; counting only what is resident and not free heap sees a leak of either kind (native
     * memory, or buffers the heap cannot collect) and not the heap's own growth.
     */
    static long rss() {
        System.gc();
        try {
            Thread.sleep(500); // G1 returns freed regions to the OS on a background thread after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long freeHeap = Runtime.getRuntime().freeMemory();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 - freeHeap;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    static void assumeLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "RSS is read from /proc/self/status (Linux)");
    }

    /** Opens the device, moves a megabyte through one buffer, closes buffer and device. */
    static void openUseClose(String spec, MemorySegment host) {
        try (ComputeDevice device = Devices.open(spec); DeviceBuffer b = device.allocate(host.byteSize())) {
            device.write(b, 0, host);
            device.read(b, 0, host);
            device.finish();
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void openingAndClosingAThousandTimesKeepsMemoryFlat(String spec) {
        requireDevice(spec);
        assumeLinux();
        try (Arena arena = Arena.ofConfined()) { // call scope: one host megabyte reused by every cycle
            MemorySegment host = arena.allocate(1 << 20, 64);
            for (int i = 0; i < 100; i++) {
                openUseClose(spec, host);
            }
            long rss0 = rss();
            for (int i = 0; i < OPEN_CLOSE_CYCLES; i++) {
                openUseClose(spec, host);
            }
            long rss1 = rss();
            System.out.printf("%s: %d open/use/close cycles: memory held (RSS less free heap) %.1f MiB -> %.1f MiB (%+.1f MiB)%n",
                    spec, OPEN_CLOSE_CYCLES, rss0 / 1048576.0, rss1 / 1048576.0, (rss1 - rss0) / 1048576.0);
            assertTrue(rss1 - rss0 < RSS_BOUND, "memory held grew by " + (rss1 - rss0) + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void trainingAHundredModelsKeepsMemoryFlat(String spec) {
        requireDevice(spec);
        assumeLinux();
        // 25,000 rows × 17 floats: 1.7 MiB per copy of the parameters (host model, device, two Adam moments).
        IdIndex users = IdIndex.of(LongStream.range(0, 20_000).toArray());
        IdIndex items = IdIndex.of(LongStream.range(0, 5_000).toArray());
        TrainConfig config = TrainConfig.defaults().toBuilder().factors(16).epochs(2).patience(0).seed(SEED).build();
        try (RatingTable ratings = Synthetic.table(20_000, 5_000, 25_000, 2, SEED)) {
            for (int i = 0; i < 10; i++) {
                trainOnce(spec, config, ratings, users, items);
            }
            long rss0 = rss();
            for (int i = 0; i < TRAININGS; i++) {
                trainOnce(spec, config, ratings, users, items);
            }
            long rss1 = rss();
            System.out.printf("%s: %d trainings: memory held (RSS less free heap) %.1f MiB -> %.1f MiB (%+.1f MiB) (seed %d)%n",
                    spec, TRAININGS, rss0 / 1048576.0, rss1 / 1048576.0, (rss1 - rss0) / 1048576.0, SEED);
            assertTrue(rss1 - rss0 < RSS_BOUND, "memory held grew by " + (rss1 - rss0) + " bytes");
        }
    }

    private static void trainOnce(String spec, TrainConfig config, RatingTable ratings, IdIndex users, IdIndex items) {
        try (ComputeDevice device = Devices.open(spec)) {
            new Trainer(device, config, null).train(ratings, null, users, items).model().close();
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void aBufferOrDeviceUsedAfterCloseThrowsInsteadOfCrashing(String spec) {
        requireDevice(spec);
        try (Arena arena = Arena.ofConfined()) { // call scope: host side of the copies
            MemorySegment host = arena.allocate(64, 64);
            ComputeDevice device = Devices.open(spec);
            DeviceBuffer buffer = device.allocate(64);
            buffer.close();
            buffer.close(); // twice is harmless
            assertTrue(buffer.isClosed());
            assertThrows(DeviceException.class, () -> device.write(buffer, 0, host));
            assertThrows(DeviceException.class, () -> device.read(buffer, 0, host));
            DeviceBuffer live = device.allocate(64);
            device.close();
            device.close();
            assertTrue(live.isClosed(), "closing the device frees its buffers");
            assertThrows(DeviceException.class, () -> device.read(live, 0, host));
            assertThrows(DeviceException.class, () -> device.allocate(64));
        }
    }
}
