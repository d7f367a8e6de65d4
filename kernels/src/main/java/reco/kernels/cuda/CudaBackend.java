package reco.kernels.cuda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBackend;
import reco.kernels.DeviceException;
import reco.kernels.DeviceInfo;
import reco.kernels.DeviceUnavailableException;
import reco.kernels.cuda.ffi.CudaGpu;
import reco.kernels.cuda.ffi.CudaLibrary;
import reco.kernels.cuda.ffi.NvrtcLibrary;
import reco.kernels.cuda.ffi.PtxCompiler;

/**
 * The CUDA backend. Creating it loads nothing; {@link #list()} and {@link #open} load the driver
 * ({@code libcuda.so.1}) and NVRTC and remember what they found for this instance. Without the driver,
 * with one that cannot initialise, or without NVRTC to compile the kernels, the list is empty and
 * says why, so that {@code auto} still resolves to a device that works.
 */
public final class CudaBackend implements DeviceBackend {
    private List<CudaGpu> gpus; // null until the first scan
    private List<DeviceInfo> devices;
    private int driverVersion;
    private String unavailable;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public synchronized List<DeviceInfo> list() {
        scan();
        return devices;
    }

    @Override
    public synchronized String unavailableReason() {
        scan();
        return unavailable;
    }

    /**
     * Opens {@code cuda} (device 0) or {@code cuda:N}.
     *
     * @throws DeviceUnavailableException for a malformed spec, a missing device, no driver or no NVRTC
     */
    @Override
    public ComputeDevice open(String spec) {
        CudaSpec parsed = CudaSpec.parse(spec);
        if (list().isEmpty()) {
            throw new DeviceUnavailableException("cannot open " + spec + ": " + unavailableReason());
        }
        if (parsed.ordinal() >= gpus.size()) {
            throw new DeviceUnavailableException("no CUDA device " + parsed.ordinal() + ": there "
                    + (gpus.size() == 1 ? "is 1" : "are " + gpus.size()) + "; use " + CudaSpec.FORMS);
        }
        CudaGpu gpu = gpus.get(parsed.ordinal());
        try {
            return new CudaDevice(gpu, driverVersion);
        } catch (DeviceException | LinkageError e) {
            throw new DeviceUnavailableException("cannot open " + spec + " (" + gpu + "): " + e.getMessage(), e);
        }
    }

    /**
     * What {@code reco devices} shows for one device; {@code arch} and {@code block} once it is opened
     * (null before).
     */
    static DeviceInfo describe(CudaGpu g, int driverVersion, Integer arch, Integer block) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("compute capability", g.computeCapabilityText());
        details.put("driver", "CUDA " + CudaGpu.versionText(driverVersion) + " (" + CudaLibrary.NAME + ")");
        details.put("NVRTC", nvrtc());
        details.put("clock MHz", Integer.toString(g.clockMhz()));
        details.put("memory clock MHz", Integer.toString(g.memoryClockMhz()));
        details.put("memory bus bits", Integer.toString(g.memoryBusBits()));
        details.put("L2 bytes", Integer.toString(g.l2Bytes()));
        details.put("max threads per block", Integer.toString(g.maxThreadsPerBlock()));
        details.put("warp size", Integer.toString(g.warpSize()));
        details.put("PCI bus", Integer.toString(g.pciBus()));
        details.put("integrated", g.integrated() ? "yes" : "no");
        if (arch != null) {
            details.put("PTX for", "compute_" + arch);
        }
        if (block != null) {
            details.put("block (-D" + CudaDevice.BLOCK_PROPERTY + ")", block.toString());
        }
        return new DeviceInfo("cuda:" + g.ordinal(), "cuda", g.name(), "GPU", g.multiprocessors(),
                g.totalMemoryBytes(), details);
    }

    /** NVRTC's version and where it was found, or why it was not. */
    private static String nvrtc() {
        if (NvrtcLibrary.absentReason() != null) {
            return "not found: " + NvrtcLibrary.absentReason();
        }
        try {
            return PtxCompiler.version() + " (" + NvrtcLibrary.loaded() + ")";
        } catch (DeviceException | LinkageError e) {
            return "unusable: " + e.getMessage();
        }
    }

    private void scan() {
        if (devices != null) {
            return;
        }
        String absent = CudaLibrary.absentReason();
        if (absent != null) {
            fail(absent);
            return;
        }
        try {
            gpus = CudaGpu.all();
            driverVersion = CudaGpu.driverVersion();
            if (gpus.isEmpty()) {
                fail("no CUDA device: the driver " + CudaLibrary.NAME + " lists none; " + CudaLibrary.HOW_TO_GET_ONE);
            } else if (NvrtcLibrary.absentReason() != null) {
                // A GPU whose kernels cannot be compiled is not offered, so that auto passes it by.
                fail("found " + gpus.stream().map(CudaGpu::name).toList() + " but cannot compile kernels for it: "
                        + NvrtcLibrary.absentReason());
            } else {
                devices = gpus.stream().map(g -> describe(g, driverVersion, null, null)).toList();
                unavailable = null;
            }
        } catch (DeviceException | LinkageError e) {
            // A driver without a required symbol, or one that cannot initialise (no GPU, a stub library, a
            // kernel module of another version): reported, not thrown, so that auto still works.
            fail("CUDA is installed but unusable (" + e.getMessage() + "); " + CudaLibrary.HOW_TO_GET_ONE);
        }
    }

    private void fail(String reason) {
        gpus = List.of();
        devices = List.of();
        unavailable = reason;
    }
}
