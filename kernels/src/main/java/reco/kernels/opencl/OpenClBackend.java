package reco.kernels.opencl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBackend;
import reco.kernels.DeviceException;
import reco.kernels.DeviceInfo;
import reco.kernels.DeviceUnavailableException;
import reco.kernels.opencl.ffi.ClDevice;
import reco.kernels.opencl.ffi.ClLibrary;
import reco.kernels.opencl.ffi.ClPlatform;

/**
 * The OpenCL backend. Creating it loads nothing; {@link #list()} and {@link #open} load the ICD loader
 * and its drivers (about a second with PoCL) and remember what they found for this instance.
 */
public final class OpenClBackend implements DeviceBackend {
    private List<DeviceInfo> devices; // null until the first scan
    private String unavailable;

    @Override
    public String name() {
        return "opencl";
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
     * Opens {@code opencl} (the first GPU, else the first device), {@code opencl:P} or {@code opencl:P:D}.
     *
     * @throws DeviceUnavailableException for a malformed spec, a missing platform or device, or no OpenCL
     */
    @Override
    public ComputeDevice open(String spec) {
        OpenClSpec parsed = OpenClSpec.parse(spec);
        if (list().isEmpty()) {
            throw new DeviceUnavailableException("cannot open " + spec + ": " + unavailableReason());
        }
        ClDevice device = parsed.select(ClPlatform.all());
        try {
            return new OpenClDevice(device, device.hostUnifiedMemory());
        } catch (DeviceException e) {
            throw new DeviceUnavailableException("cannot open " + spec + " (" + device + "): " + e.getMessage(), e);
        }
    }

    /** What {@code reco devices} shows for one device; {@code hostBacked} and {@code workGroup} when opened. */
    static DeviceInfo describe(ClDevice d, Boolean hostBacked, Integer workGroup) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("platform", d.platformName());
        details.put("vendor", d.vendor());
        details.put("OpenCL", d.version());
        details.put("OpenCL C", d.openClCVersion());
        details.put("driver", d.driverVersion());
        details.put("clock MHz", Integer.toString(d.clockMhz()));
        details.put("host unified memory", d.hostUnifiedMemory() ? "yes" : "no");
        details.put("max work-group", Long.toString(d.maxWorkGroupSize()));
        details.put("local memory bytes", Long.toString(d.localMemoryBytes()));
        details.put("max allocation bytes", Long.toString(d.maxAllocationBytes()));
        details.put("preferred float vector", Integer.toString(d.preferredFloatWidth()));
        if (hostBacked != null) {
            details.put("buffers", hostBacked ? "host memory used in place (zero copy)" : "device memory, explicit copies");
        }
        if (workGroup != null) {
            details.put("work-group (-D" + OpenClDevice.WORK_GROUP_PROPERTY + ")", workGroup.toString());
        }
        return new DeviceInfo("opencl:" + d.platformIndex() + ":" + d.index(), "opencl", d.name(), d.typeName(),
                d.computeUnits(), d.globalMemoryBytes(), details);
    }

    private void scan() {
        if (devices != null) {
            return;
        }
        String absent = ClLibrary.absentReason();
        if (absent != null) {
            devices = List.of();
            unavailable = absent;
            return;
        }
        try {
            devices = ClPlatform.all().stream().flatMap(p -> p.devices().stream())
                    .map(d -> describe(d, null, null)).toList();
            unavailable = devices.isEmpty()
                    ? "no OpenCL device: the loader " + ClLibrary.NAME + " found no driver; " + ClLibrary.HOW_TO_GET_ONE
                    : null;
        } catch (DeviceException | LinkageError e) {
            // A loader without a required symbol, or a driver failing to enumerate: reported, not thrown,
            // so that choosing a device automatically still works without OpenCL.
            devices = List.of();
            unavailable = "OpenCL is installed but unusable (" + e.getMessage() + "); " + ClLibrary.HOW_TO_GET_ONE;
        }
    }
}
