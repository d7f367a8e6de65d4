package reco.bench;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Devices;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/**
 * One epoch of {@link ComputeDevice#train} over generated ratings: one op is one epoch, so time per
 * rating is the score divided by {@code ratings}. Users and items are drawn uniformly from
 * {@code ratings / 100} users and {@code ratings / 50} items (MovieLens-1M-like density), ratings
 * uniformly from 1 to 5; the same model keeps training from epoch to epoch, with Adam's step count
 * carried on, as the engine's epoch loop does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {
    private static final long SEED = 20_250_101L;

    @Param("java")
    public String device;

    @Param({"8", "64"})
    public int factors;

    @Param({"100000", "1000000"})
    public int ratings;

    @Param({"ADAM", "SGD"})
    public Optimizer optimizer;

    @Param({"128", "4096"})
    public int batchSize;

    private ComputeDevice d;
    private FactorModel model;
    private AdamMoments moments;
    private RatingBuffers data;
    private StepConfig step;
    private long batchesPerEpoch;
    private long nextStep;

    @Setup(Level.Trial)
    public void setUp() {
        d = Devices.open(device);
        System.out.println("# device: " + d.info().name() + " [" + d.info().spec() + ", " + d.info().backend() + "]");
        SplittableRandom r = new SplittableRandom(SEED);
        int users = Math.max(1, ratings / 100);
        int items = Math.max(1, ratings / 50);
        int[] u = new int[ratings];
        int[] i = new int[ratings];
        float[] v = new float[ratings];
        for (int j = 0; j < ratings; j++) {
            u[j] = r.nextInt(users);
            i[j] = r.nextInt(items);
            v[j] = 1 + r.nextInt(9) * 0.5f;
        }
        data = new RatingBuffers(upload(MemorySegment.ofArray(u)), upload(MemorySegment.ofArray(i)),
                upload(MemorySegment.ofArray(v)), ratings);
        model = newModel(r, users, items, 0.1);
        moments = optimizer == Optimizer.ADAM ? new AdamMoments(newModel(r, users, items, 0), newModel(r, users, items, 0)) : null;
        step = new StepConfig(optimizer, optimizer == Optimizer.ADAM ? 0.005f : 0.01f, 0.02f, 0.02f, 0.9f, 0.999f, 1e-8f, batchSize);
        batchesPerEpoch = (ratings + batchSize - 1) / batchSize;
        nextStep = 1;
    }

    /** One epoch in rating order; returns the epoch's sum of squared errors so that nothing is optimised away. */
    @Benchmark
    public double epoch() {
        double sse = d.train(model, moments, data, null, 0, ratings, step, nextStep);
        nextStep += batchesPerEpoch;
        d.finish();
        return sse;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        d.close();
    }

    private FactorModel newModel(SplittableRandom r, int users, int items, double sd) {
        return new FactorModel(new Matrix(gaussian(r, users * factors, sd), users, factors),
                new Matrix(gaussian(r, items * factors, sd), items, factors),
                d.allocate((long) users * Float.BYTES), d.allocate((long) items * Float.BYTES), 3f, true);
    }

    private DeviceBuffer gaussian(SplittableRandom r, int n, double sd) {
        float[] values = new float[n];
        for (int j = 0; j < n; j++) {
            values[j] = (float) (r.nextGaussian() * sd);
        }
        return upload(MemorySegment.ofArray(values));
    }

    private DeviceBuffer upload(MemorySegment host) {
        DeviceBuffer b = d.allocate(host.byteSize());
        d.write(b, 0, host);
        return b;
    }
}
