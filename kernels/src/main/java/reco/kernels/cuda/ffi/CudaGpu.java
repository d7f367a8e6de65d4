package reco.kernels.cuda.ffi;

import java.util.ArrayList;
import java.util.List;

/**
 * One CUDA device as the driver lists it: its ordinal and the facts {@code reco devices} shows. The
 * driver is initialised ({@code cuInit}) by the first {@link #all()}.
 */
public final class CudaGpu {
    private final int ordinal;
    private final int device; // CUdevice
    private final String name;
    private final long totalMemoryBytes;
    private final int multiprocessors;
    private final int computeMajor;
    private final int computeMinor;
    private final int clockKhz;
    private final int memoryClockKhz;
    private final int memoryBusBits;
    private final int l2Bytes;
    private final int maxThreadsPerBlock;
    private final int warpSize;
    private final int pciBus;
    private final boolean integrated;

    private CudaGpu(int ordinal) {
        this.ordinal = ordinal;
        this.device = CudaDriver.cuDeviceGet(ordinal);
        this.name = CudaDriver.cuDeviceGetName(device);
        this.totalMemoryBytes = CudaDriver.cuDeviceTotalMem(device);
        this.multiprocessors = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        this.computeMajor = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.computeMinor = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.clockKhz = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
        this.memoryClockKhz = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
        this.memoryBusBits = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
        this.l2Bytes = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE);
        this.maxThreadsPerBlock = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
        this.warpSize = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_WARP_SIZE);
        this.pciBus = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_PCI_BUS_ID);
        this.integrated = attribute(CudaDriver.CU_DEVICE_ATTRIBUTE_INTEGRATED) != 0;
    }

    /**
     * Every CUDA device, in ordinal order, after {@code cuInit}.
     *
     * @throws CudaException when the driver cannot initialise (no device, a stub library, a driver
     *                       that does not match the kernel module)
     */
    public static List<CudaGpu> all() {
        int code = CudaDriver.cuInit();
        if (code != CudaResult.SUCCESS) {
            throw CudaDriver.failure("cuInit", code, null, null);
        }
        int count = CudaDriver.cuDeviceGetCount();
        List<CudaGpu> out = new ArrayList<>(count);
        for (int o = 0; o < count; o++) {
            out.add(new CudaGpu(o));
        }
        return out;
    }

    /** The driver's CUDA version as {@code cuDriverGetVersion} encodes it: 1000 × major + 10 × minor. */
    public static int driverVersion() {
        return CudaDriver.cuDriverGetVersion();
    }

    /** {@code 13000} as {@code 13.0}. */
    public static String versionText(int encoded) {
        return encoded / 1000 + "." + encoded % 1000 / 10;
    }

    int device() {
        return device;
    }

    public int ordinal() {
        return ordinal;
    }

    public String name() {
        return name;
    }

    public long totalMemoryBytes() {
        return totalMemoryBytes;
    }

    public int multiprocessors() {
        return multiprocessors;
    }

    /** Compute capability, e.g. 90 for 9.0 (what NVRTC's {@code compute_90} names). */
    public int computeCapability() {
        return computeMajor * 10 + computeMinor;
    }

    public String computeCapabilityText() {
        return computeMajor + "." + computeMinor;
    }

    public int clockMhz() {
        return clockKhz / 1000;
    }

    public int memoryClockMhz() {
        return memoryClockKhz / 1000;
    }

    public int memoryBusBits() {
        return memoryBusBits;
    }

    public int l2Bytes() {
        return l2Bytes;
    }

    public int maxThreadsPerBlock() {
        return maxThreadsPerBlock;
    }

    public int warpSize() {
        return warpSize;
    }

    public int pciBus() {
        return pciBus;
    }

    public boolean integrated() {
        return integrated;
    }

    private int attribute(int attribute) {
        return CudaDriver.cuDeviceGetAttribute(attribute, device);
    }

    @Override
    public String toString() {
        return "CUDA device " + ordinal + " (" + name + ")";
    }
}
