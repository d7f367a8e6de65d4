package reco.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import reco.kernels.cuda.CudaBackend;
import reco.kernels.java.JavaBackend;
import reco.kernels.opencl.OpenClBackend;

/**
 * Finds and opens devices by spec string: {@code auto}, {@code java}, {@code java:THREADS},
 * {@code opencl[:PLATFORM[:DEVICE]]}, {@code cuda[:ORDINAL]}.
 *
 * <p>{@code auto} prefers a GPU (CUDA, then OpenCL) and otherwise the Java device: a CPU OpenCL
 * device such as PoCL costs seconds of compilation at start-up, so it is used only when named.
 */
public final class Devices {

    /** The spec and the sentence that says why it was chosen. */
    public record Choice(String spec, String reason) {
    }

    /** One backend's devices, or why it has none. */
    public record BackendListing(String backend, List<DeviceInfo> devices, String unavailableReason) {
    }

    private Devices() {
    }

    /** Backends in order of preference for {@code auto}: GPU-capable ones first, the reference last. */
    static List<DeviceBackend> backends() {
        return List.of(new CudaBackend(), new OpenClBackend(), new JavaBackend());
    }

    /** Every backend with its devices; loads each backend's driver, so only call when asked to list. */
    public static List<BackendListing> list() {
        List<BackendListing> out = new ArrayList<>();
        for (DeviceBackend backend : backends()) {
            List<DeviceInfo> devices = backend.list();
            out.add(new BackendListing(backend.name(), devices, devices.isEmpty() ? backend.unavailableReason() : null));
        }
        return out;
    }

    /** Resolves {@code auto} to a concrete spec; any other spec is returned as it is. */
    public static Choice resolve(String spec) {
        String s = normalise(spec);
        if (!s.equals("auto")) {
            return new Choice(s, "chosen with --device " + s);
        }
        for (DeviceBackend backend : backends()) {
            if (backend.name().equals("java")) {
                continue;
            }
            for (DeviceInfo info : backend.list()) {
                if (info.isGpu()) {
                    return new Choice(info.spec(), "auto: " + info.name() + " is a GPU");
                }
            }
        }
        return new Choice("java", "auto: no GPU found, so the Java device (an OpenCL CPU device runs only when named, e.g. --device opencl)");
    }

    /** Opens the device named by {@code spec} ({@code auto} resolved first). */
    public static ComputeDevice open(String spec) {
        String s = resolve(spec).spec();
        String prefix = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        for (DeviceBackend backend : backends()) {
            if (backend.name().equals(prefix)) {
                return backend.open(s);
            }
        }
        throw new DeviceUnavailableException("unknown device '" + spec + "': use auto, java[:THREADS], "
                + "opencl[:PLATFORM[:DEVICE]] or cuda[:ORDINAL] (reco devices lists what exists)");
    }

    private static String normalise(String spec) {
        if (spec == null || spec.isBlank()) {
            return "auto";
        }
        return spec.trim().toLowerCase(Locale.ROOT);
    }
}
