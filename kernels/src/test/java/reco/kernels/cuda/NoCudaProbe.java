package reco.kernels.cuda;

import reco.kernels.DeviceException;
import reco.kernels.Devices;
import reco.kernels.cuda.ffi.NvrtcLibrary;

/**
 * Run in a child JVM by {@link CudaAbsentTest} with the driver or NVRTC hidden by naming libraries
 * that do not exist (and by {@link FakeDriverTest} with a fake driver and no NVRTC): prints what the
 * backend, {@link Devices} and the NVRTC lookup make of it, one {@code key=value} per line.
 */
public final class NoCudaProbe {
    private NoCudaProbe() {
    }

    public static void main(String[] args) {
        CudaBackend backend = new CudaBackend();
        System.out.println("devices=" + backend.list().size());
        System.out.println("reason=" + backend.unavailableReason());
        System.out.println("auto=" + Devices.resolve("auto").spec());
        System.out.println("listed=" + Devices.list().stream().anyMatch(l -> l.backend().equals("cuda")
                && l.devices().isEmpty() && l.unavailableReason() != null));
        try {
            Devices.open("cuda:0").close();
            System.out.println("open=opened");
        } catch (DeviceException e) {
            System.out.println("open=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.println("nvrtc=" + NvrtcLibrary.absentReason());
    }
}
