package reco.kernels;

import java.util.List;

/**
 * One family of devices (Java, OpenCL, CUDA). A TornadoVM or other backend joins by implementing
 * this and being added to {@link Devices}; the engine never sees the difference.
 */
public interface DeviceBackend {

    /** The spec prefix: {@code java}, {@code opencl}, {@code cuda}. */
    String name();

    /**
     * The devices of this backend present here. A backend whose driver is absent returns an empty
     * list and says why in {@link #unavailableReason()}; it loads native code only when called.
     */
    List<DeviceInfo> list();

    /** Why {@link #list()} is empty, or null when devices exist. */
    String unavailableReason();

    /**
     * Opens the device named by {@code spec} (which starts with {@link #name()}).
     *
     * @throws DeviceUnavailableException when it does not exist or the spec is malformed
     */
    ComputeDevice open(String spec);
}
