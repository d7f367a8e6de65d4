package reco.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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

import reco.engine.bench.DataShape;
import reco.engine.data.RatingTable;
import reco.engine.train.DeviceRatings;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;
import reco.kernels.RatingBuffers;

/**
 * What every benchmark of one op shares: the parameters (device spec, factors, data size), the device
 * opened once per trial and closed after it, the data shape and a seeded generator. The size is a
 * number of ratings; users and movies scale with it as {@link DataShape} says (MovieLens-shaped,
 * 162,000 × 59,000 at 25M), and ops that do not read ratings take their sizes from it (k-means of the
 * movies' vectors, top-K over all movies). Each benchmark method ends with {@link ComputeDevice#finish()}
 * so that an asynchronous device is timed whole. The device is printed to standard error at set-up.
 *
 * <p>Forks get native access (OpenCL, CUDA), the Vector API module (the Java device's SIMD loops) and
 * the launcher's compiler settings for the Java device's row kernels (see {@code ./reco}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
        "-XX:CompileCommand=quiet", "-XX:CompileCommand=CompileThresholdScaling,reco.kernels.java.VectorRows::*,0.01",
        "-XX:InlineSmallCode=6000"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class OnDevice {
    static final long SEED = 20_251_127L;

    /** Any spec {@code reco devices} lists: java, java:THREADS, opencl[:P[:D]], cuda[:N]. */
    @Param({"java", "opencl"})
    public String device;

    @Param({"8", "64", "128"})
    public int factors;

    /** Ratings; users and movies follow ({@link DataShape#of}). */
    @Param({"1000000", "5000000"})
    public long ratings;

    protected ComputeDevice d;
    protected DataShape shape;
    protected SplittableRandom random;

    @Setup(Level.Trial)
    public final void setUp() {
        d = Devices.open(device);
        shape = DataShape.of(ratings);
        random = new SplittableRandom(SEED);
        System.err.printf("%n# device: %s [%s, %s]; %s ratings, %,d users × %,d movies, %d factors, seed %d%n", d.info().name(),
                d.info().spec(), d.info().backend(), shape.label(), shape.users(), shape.items(), factors, SEED);
        prepare();
    }

    /** Builds the benchmark's data on {@link #d}; called once per trial after the device is open. */
    protected abstract void prepare();

    @TearDown(Level.Trial)
    public final void tearDown() {
        release();
        d.close();
    }

    /** Frees what {@link #prepare()} made off the device; the device frees its own buffers when closed. */
    protected void release() {
    }

    /** The generated ratings of {@link #shape}, uploaded. */
    protected RatingBuffers uploadRatings() {
        try (RatingTable table = shape.generate(SEED)) {
            return new DeviceRatings(d, table).view();
        }
    }
}
