package reco.kernels.java;

import java.util.List;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBackend;
import reco.kernels.DeviceInfo;
import reco.kernels.DeviceUnavailableException;

/** The Java backend: always present; {@code java} uses every core, {@code java:N} uses N threads. */
public final class JavaBackend implements DeviceBackend {

    /** Threads used by {@code java} without a count. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public List<DeviceInfo> list() {
        try (JavaDevice d = new JavaDevice(defaultThreads())) {
            DeviceInfo i = d.info();
            return List.of(new DeviceInfo("java", i.backend(), i.name(), i.type(), i.computeUnits(),
                    i.globalMemoryBytes(), i.details()));
        }
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public ComputeDevice open(String spec) {
        if (spec.equals("java")) {
            return new JavaDevice(defaultThreads());
        }
        if (spec.startsWith("java:")) {
            String n = spec.substring(5);
            try {
                int threads = Integer.parseInt(n);
                if (threads >= 1 && threads <= 4096) {
                    return new JavaDevice(threads);
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new DeviceUnavailableException("bad device spec '" + spec + "': java:THREADS wants a thread count from 1 to 4096");
        }
        throw new DeviceUnavailableException("bad device spec '" + spec + "': use java or java:THREADS");
    }
}
