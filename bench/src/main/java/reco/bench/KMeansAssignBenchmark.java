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
import reco.kernels.Matrix;

/** One k-means assignment of 60,000 points of 64 dimensions to 100 centroids (Gaussian data); one op is one assign. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KMeansAssignBenchmark {
    private static final long SEED = 20_250_102L;
    private static final int POINTS = 60_000;
    private static final int DIMS = 64;
    private static final int CENTROIDS = 100;

    @Param("java")
    public String device;

    private ComputeDevice d;
    private Matrix points;
    private Matrix centroids;
    private DeviceBuffer assignment;
    private DeviceBuffer distance;

    @Setup(Level.Trial)
    public void setUp() {
        d = Devices.open(device);
        System.out.println("# device: " + d.info().name() + " [" + d.info().spec() + ", " + d.info().backend() + "]");
        SplittableRandom r = new SplittableRandom(SEED);
        points = gaussian(r, POINTS, DIMS);
        centroids = gaussian(r, CENTROIDS, DIMS);
        assignment = d.allocate((long) POINTS * Integer.BYTES);
        distance = d.allocate((long) POINTS * Float.BYTES);
    }

    @Benchmark
    public void assign() {
        d.kmeansAssign(points, centroids, assignment, distance);
        d.finish();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        d.close();
    }

    private Matrix gaussian(SplittableRandom r, int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) r.nextGaussian();
        }
        DeviceBuffer b = d.allocate((long) values.length * Float.BYTES);
        d.write(b, 0, MemorySegment.ofArray(values));
        return new Matrix(b, rows, cols);
    }
}
