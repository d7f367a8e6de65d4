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

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Devices;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.RatingBuffers;

/**
 * The ops other than training, one per benchmark method, on the device named by {@code device}
 * (any spec {@code reco devices} lists): predict 1M ratings; k-means update of 60,000 × 64 points into
 * 100 clusters; top-10 of 20,000 items for 256 queries. Data and device are set up once per trial;
 * every op ends with {@link ComputeDevice#finish()} so that asynchronous devices are timed whole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpsBenchmark {
    private static final long SEED = 20_261_127L;
    private static final int USERS = 20_000;
    private static final int ITEMS = 20_000;
    private static final int RATINGS = 1_000_000;
    private static final int POINTS = 60_000;
    private static final int CLUSTERS = 100;
    private static final int QUERIES = 256;
    private static final int TOP = 10;

    @Param("java")
    public String device;

    @Param("64")
    public int factors;

    private ComputeDevice d;
    private FactorModel model;
    private RatingBuffers ratings;
    private DeviceBuffer predictions;
    private Matrix points;
    private DeviceBuffer assignment;
    private Matrix sums;
    private DeviceBuffer counts;
    private Matrix queries;
    private DeviceBuffer outItems;
    private DeviceBuffer outScores;

    @Setup(Level.Trial)
    public void setUp() {
        d = Devices.open(device);
        System.out.println("# device: " + d.info().name() + " [" + d.info().spec() + ", " + d.info().backend() + "]");
        SplittableRandom r = new SplittableRandom(SEED);
        model = new FactorModel(floats(r, USERS, factors), floats(r, ITEMS, factors), floats(r, USERS, 1).buffer(),
                floats(r, ITEMS, 1).buffer(), 3.5f, true);
        ratings = new RatingBuffers(ints(r, RATINGS, USERS), ints(r, RATINGS, ITEMS), floats(r, RATINGS, 1).buffer(), RATINGS);
        predictions = d.allocate((long) RATINGS * Float.BYTES);
        points = floats(r, POINTS, factors);
        assignment = ints(r, POINTS, CLUSTERS);
        sums = new Matrix(d.allocate((long) CLUSTERS * factors * Float.BYTES), CLUSTERS, factors);
        counts = d.allocate((long) CLUSTERS * Integer.BYTES);
        queries = floats(r, QUERIES, factors);
        outItems = d.allocate((long) QUERIES * TOP * Integer.BYTES);
        outScores = d.allocate((long) QUERIES * TOP * Float.BYTES);
    }

    @Benchmark
    public void predict() {
        d.predict(model, ratings, 0, RATINGS, predictions);
        d.finish();
    }

    @Benchmark
    public void kmeansUpdate() {
        d.kmeansUpdate(points, assignment, sums, counts);
        d.finish();
    }

    @Benchmark
    public void topK() {
        d.topK(queries, null, model.itemFactors(), model.itemBias(), null, TOP, outItems, outScores);
        d.finish();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        d.close();
    }

    private Matrix floats(SplittableRandom r, int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) (r.nextGaussian() * 0.3);
        }
        DeviceBuffer b = d.allocate((long) values.length * Float.BYTES);
        d.write(b, 0, MemorySegment.ofArray(values));
        return new Matrix(b, rows, cols);
    }

    private DeviceBuffer ints(SplittableRandom r, int n, int bound) {
        int[] values = new int[n];
        for (int j = 0; j < n; j++) {
            values[j] = r.nextInt(bound);
        }
        DeviceBuffer b = d.allocate((long) n * Integer.BYTES);
        d.write(b, 0, MemorySegment.ofArray(values));
        return b;
    }
}
