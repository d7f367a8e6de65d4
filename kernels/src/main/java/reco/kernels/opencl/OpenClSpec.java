package reco.kernels.opencl;

import java.util.List;

import reco.kernels.DeviceUnavailableException;
import reco.kernels.opencl.ffi.ClDevice;
import reco.kernels.opencl.ffi.ClPlatform;

/**
 * A parsed {@code opencl[:PLATFORM[:DEVICE]]} spec. {@code opencl} means the first GPU in platform
 * order, else the first device; {@code opencl:P} the first device of platform P; {@code opencl:P:D}
 * device D of platform P. Numbers are those {@code reco devices} prints.
 *
 * @param platform the platform index, or -1 when not given
 * @param device   the device index within the platform, or -1 when not given
 */
record OpenClSpec(int platform, int device) {
    static final String FORMS = "opencl, opencl:PLATFORM or opencl:PLATFORM:DEVICE (reco devices lists the numbers)";

    /** Parses a spec; anything malformed is a {@link DeviceUnavailableException} saying what is accepted. */
    static OpenClSpec parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (!parts[0].equals("opencl") || parts.length > 3) {
            throw bad(spec);
        }
        int p = parts.length > 1 ? index(parts[1], spec) : -1;
        int d = parts.length > 2 ? index(parts[2], spec) : -1;
        return new OpenClSpec(p, d);
    }

    /** The device this spec names among {@code platforms}. */
    ClDevice select(List<ClPlatform> platforms) {
        if (platform < 0) {
            List<ClDevice> all = platforms.stream().flatMap(pl -> pl.devices().stream()).toList();
            return all.stream().filter(ClDevice::isGpu).findFirst().orElseGet(() -> all.getFirst());
        }
        if (platform >= platforms.size()) {
            throw new DeviceUnavailableException("no OpenCL platform " + platform + ": there "
                    + (platforms.size() == 1 ? "is 1" : "are " + platforms.size()) + "; use " + FORMS);
        }
        List<ClDevice> devices = platforms.get(platform).devices();
        int d = Math.max(device, 0);
        if (d >= devices.size()) {
            throw new DeviceUnavailableException("no OpenCL device " + d + " on platform " + platform + " ("
                    + platforms.get(platform).name() + ", " + devices.size() + " device(s)); use " + FORMS);
        }
        return devices.get(d);
    }

    private static int index(String text, String spec) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole spec
        }
        throw bad(spec);
    }

    private static DeviceUnavailableException bad(String spec) {
        return new DeviceUnavailableException("bad device spec '" + spec + "': use " + FORMS);
    }
}
