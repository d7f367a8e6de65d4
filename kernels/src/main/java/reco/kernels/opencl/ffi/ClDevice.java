package reco.kernels.opencl.ffi;

import java.lang.foreign.MemorySegment;

/**
 * One OpenCL device with the properties this project uses, read once when the platform is listed.
 * A root device id is not reference-counted, so there is nothing to release.
 */
public final class ClDevice {
    private final MemorySegment id;
    private final int platformIndex;
    private final String platformName;
    private final int index;
    private final String name;
    private final String vendor;
    private final String version;
    private final String driverVersion;
    private final String openClCVersion;
    private final long type;
    private final int computeUnits;
    private final int clockMhz;
    private final long maxWorkGroupSize;
    private final int preferredFloatWidth;
    private final long globalMemoryBytes;
    private final long localMemoryBytes;
    private final long maxAllocationBytes;
    private final boolean hostUnifiedMemory;

    ClDevice(int platformIndex, String platformName, int index, MemorySegment id) {
        this.id = id;
        this.platformIndex = platformIndex;
        this.platformName = platformName;
        this.index = index;
        ClInfo.Query q = ClInfo.device(id);
        this.name = ClInfo.string(q, OpenCl.CL_DEVICE_NAME);
        this.vendor = ClInfo.string(q, OpenCl.CL_DEVICE_VENDOR);
        this.version = ClInfo.string(q, OpenCl.CL_DEVICE_VERSION);
        this.driverVersion = ClInfo.string(q, OpenCl.CL_DRIVER_VERSION);
        this.openClCVersion = ClInfo.string(q, OpenCl.CL_DEVICE_OPENCL_C_VERSION);
        this.type = ClInfo.int64(q, OpenCl.CL_DEVICE_TYPE);
        this.computeUnits = ClInfo.int32(q, OpenCl.CL_DEVICE_MAX_COMPUTE_UNITS);
        this.clockMhz = ClInfo.int32(q, OpenCl.CL_DEVICE_MAX_CLOCK_FREQUENCY);
        this.maxWorkGroupSize = ClInfo.int64(q, OpenCl.CL_DEVICE_MAX_WORK_GROUP_SIZE);
        this.preferredFloatWidth = ClInfo.int32(q, OpenCl.CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT);
        this.globalMemoryBytes = ClInfo.int64(q, OpenCl.CL_DEVICE_GLOBAL_MEM_SIZE);
        this.localMemoryBytes = ClInfo.int64(q, OpenCl.CL_DEVICE_LOCAL_MEM_SIZE);
        this.maxAllocationBytes = ClInfo.int64(q, OpenCl.CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        this.hostUnifiedMemory = hostUnified(q);
    }

    MemorySegment id() {
        return id;
    }

    public int platformIndex() {
        return platformIndex;
    }

    public String platformName() {
        return platformName;
    }

    /** The device's position within its platform. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public String vendor() {
        return vendor;
    }

    /** {@code CL_DEVICE_VERSION}, e.g. {@code OpenCL 3.0 PoCL HSTR: ...}. */
    public String version() {
        return version;
    }

    /** The major OpenCL version the device supports (1, 2 or 3). */
    public int versionMajor() {
        // "OpenCL <major>.<minor> <vendor-specific>" is the format the specification fixes.
        String[] words = version.split(" ");
        if (words.length < 2 || !words[1].contains(".")) {
            return 1;
        }
        try {
            return Integer.parseInt(words[1].substring(0, words[1].indexOf('.')));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public String driverVersion() {
        return driverVersion;
    }

    public String openClCVersion() {
        return openClCVersion;
    }

    public boolean isGpu() {
        return (type & OpenCl.CL_DEVICE_TYPE_GPU) != 0;
    }

    /** {@code GPU}, {@code CPU} or {@code ACCELERATOR} (anything else, custom devices included). */
    public String typeName() {
        if (isGpu()) {
            return "GPU";
        }
        return (type & OpenCl.CL_DEVICE_TYPE_CPU) != 0 ? "CPU" : "ACCELERATOR";
    }

    public int computeUnits() {
        return computeUnits;
    }

    public int clockMhz() {
        return clockMhz;
    }

    public long maxWorkGroupSize() {
        return maxWorkGroupSize;
    }

    public int preferredFloatWidth() {
        return preferredFloatWidth;
    }

    public long globalMemoryBytes() {
        return globalMemoryBytes;
    }

    public long localMemoryBytes() {
        return localMemoryBytes;
    }

    public long maxAllocationBytes() {
        return maxAllocationBytes;
    }

    /** Whether host and device share memory, so that buffers can live in host segments (zero copy). */
    public boolean hostUnifiedMemory() {
        return hostUnifiedMemory;
    }

    @Override
    public String toString() {
        return name + " (" + typeName() + ", platform " + platformIndex + " " + platformName + ")";
    }

    /** Deprecated since OpenCL 2.0 and refused by some 3.0 drivers: refused means not unified. */
    private static boolean hostUnified(ClInfo.Query q) {
        try {
            return ClInfo.int32(q, OpenCl.CL_DEVICE_HOST_UNIFIED_MEMORY) != 0;
        } catch (OpenClException e) {
            if (e.status() == ClStatus.INVALID_VALUE) {
                return false;
            }
            throw e;
        }
    }
}
