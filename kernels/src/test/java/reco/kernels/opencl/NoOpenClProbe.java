package reco.kernels.opencl;

import reco.kernels.DeviceException;
import reco.kernels.Devices;

/**
 * Run in a child JVM by {@link OpenClAbsentTest} with OpenCL hidden: prints what the backend and
 * {@link Devices} make of it, one {@code key=value} per line.
 */
public final class NoOpenClProbe {
    private NoOpenClProbe() {
    }

    public static void main(String[] args) {
        OpenClBackend backend = new OpenClBackend();
        System.out.println("devices=" + backend.list().size());
        System.out.println("reason=" + backend.unavailableReason());
        System.out.println("auto=" + Devices.resolve("auto").spec());
        try {
            Devices.open("opencl").close();
            System.out.println("open=opened");
        } catch (DeviceException e) {
            System.out.println("open=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
