package reco.kernels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code reco devices} shows about one device.
 *
 * @param spec             the string that selects it with {@code --device} (e.g. {@code java:2}, {@code opencl:0:0})
 * @param backend          {@code java}, {@code opencl} or {@code cuda}
 * @param name             the device's own name
 * @param type             {@code CPU}, {@code GPU} or {@code ACCELERATOR}
 * @param computeUnits     threads, compute units or SMs
 * @param globalMemoryBytes memory the device can address
 * @param details          backend-specific facts in display order (driver version, vector width, ...)
 */
public record DeviceInfo(String spec, String backend, String name, String type, int computeUnits,
                         long globalMemoryBytes, Map<String, String> details) {

    public DeviceInfo {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details)); // keeps the display order
    }

    public boolean isGpu() {
        return "GPU".equals(type);
    }
}
