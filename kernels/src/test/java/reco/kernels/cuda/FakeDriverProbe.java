package reco.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Devices;
import reco.kernels.Exclusions;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.opencl.Buffers;
import reco.kernels.opencl.MfFixture;

/**
 * Run in a child JVM by {@link FakeDriverTest} with {@code -Dreco.cuda.library} naming the fake driver:
 * opens the CUDA device, runs every op once (kernels compiled by the real NVRTC, launched into the
 * fake, which runs none; one op from a second thread), closes everything, and prints what the fake
 * counted, one {@code key=value} per line.
 */
public final class FakeDriverProbe {
    static final List<String> KERNELS = List.of("mf_predict", "mf_gather", "mf_segments", "mf_scatter", "mf_apply",
            "mf_blocks_sgd", "mf_blocks_adam", "kmeans_assign", "kmeans_partial", "kmeans_reduce", "topk");

    private FakeDriverProbe() {
    }

    public static void main(String[] args) throws Throwable {
        try (ComputeDevice d = Devices.open("cuda")) {
            System.out.println("device=" + d.info().spec() + " " + d.info().name() + " " + d.info().details().get("PTX for"));
            DeviceBuffer fresh = d.allocate(40);
            System.out.println("zeroed=" + Arrays.equals(new int[10], Buffers.readInts(d, fresh, 10)));
            int[] values = new SplittableRandom(7).ints(1000).toArray();
            System.out.println("roundTrip=" + Arrays.equals(values, Buffers.readInts(d, Buffers.ints(d, values), 1000)));
            MfFixture f = MfFixture.random(11, 37, 23, 16, 1000);
            MfFixture.On on = f.on(d, true);
            DeviceBuffer predictions = d.allocate(4000);
            d.predict(on.model(), on.ratings(), 0, 1000, predictions);
            Throwable[] failure = new Throwable[1];
            Thread other = new Thread(() -> {
                try {
                    d.predict(on.model(), on.ratings(), 0, 1000, predictions);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            other.start(); // a thread on which no context is current yet: the device must make its own current
            other.join();
            if (failure[0] != null) {
                throw failure[0];
            }
            StepConfig sgd = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 300);
            d.train(on.model(), null, on.ratings(), on.order(), 0, 1000, sgd, 1);                  // 4 batches
            StepConfig adam = new StepConfig(Optimizer.ADAM, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 300);
            d.train(on.model(), on.moments(), on.ratings(), null, 100, 600, adam, 1);              // 2 batches
            long[] starts = {0, 400, 700};
            long[] counts = {400, 300, 300};
            StepConfig sgdOne = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
            StepConfig adamOne = new StepConfig(Optimizer.ADAM, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
            d.trainBlocks(on.model(), null, on.ratings(), starts, counts, sgdOne, 1);              // 1 launch
            d.trainBlocks(on.model(), on.moments(), on.ratings(), starts, counts, adamOne, 5);     // 1 launch
            Matrix points = new Matrix(Buffers.floats(d, new float[2000 * 12]), 2000, 12);
            Matrix centroids = new Matrix(Buffers.floats(d, new float[5 * 12]), 5, 12);
            DeviceBuffer assignment = Buffers.ints(d, new int[2000]);
            d.kmeansAssign(points, centroids, assignment, d.allocate(8000));
            d.kmeansUpdate(points, assignment, new Matrix(d.allocate(240), 5, 12), d.allocate(20));
            int[] offsets = new int[38]; // query 0 excludes items 3 and 4, the other 36 queries nothing
            Arrays.fill(offsets, 1, 38, 2);
            Exclusions ex = new Exclusions(Buffers.ints(d, offsets), Buffers.ints(d, new int[] {3, 4}));
            d.topK(on.model().userFactors(), null, on.model().itemFactors(), on.model().itemBias(), ex, 5,
                    d.allocate(4 * 37 * 5), d.allocate(4 * 37 * 5));
            System.out.println("deviceMillis=" + ((CudaDevice) d).deviceMillis(d::finish));
            fresh.close();
        }
        report(Path.of(System.getProperty("reco.cuda.library")));
    }

    private static void report(Path library) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup fake = SymbolLookup.libraryLookup(library, Arena.global());
        for (String counter : List.of("fake_errors", "fake_context_refs", "fake_allocations", "fake_modules",
                                      "fake_streams", "fake_events")) {
            MethodHandle h = linker.downcallHandle(fake.find(counter).orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            System.out.println(counter.substring(5) + "=" + (int) h.invokeExact());
        }
        MethodHandle launches = linker.downcallHandle(fake.find("fake_launches").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        try (Arena a = Arena.ofConfined()) {
            for (String kernel : KERNELS) {
                System.out.println("launches." + kernel + "=" + (long) launches.invokeExact(a.allocateFrom(kernel)));
            }
        }
    }
}
