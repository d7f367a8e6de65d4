package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** An OpenCL platform (one installed driver) and its devices, in the loader's order. */
public final class ClPlatform {
    private static volatile List<ClPlatform> all; // platforms and devices do not change within a process

    private final int index;
    private final String name;
    private final List<ClDevice> devices;

    private ClPlatform(int index, MemorySegment id) {
        this.index = index;
        ClInfo.Query q = ClInfo.platform(id);
        this.name = ClInfo.string(q, OpenCl.CL_PLATFORM_NAME);
        List<MemorySegment> ids = deviceIds(id);
        List<ClDevice> found = new ArrayList<>(ids.size());
        for (int d = 0; d < ids.size(); d++) {
            found.add(new ClDevice(index, name, d, ids.get(d)));
        }
        this.devices = List.copyOf(found);
    }

    /**
     * Every platform the loader knows, empty when no driver is registered. Loads the loader and every
     * driver on first call (about a second with PoCL), so call it only when OpenCL is wanted.
     *
     * @throws UnsatisfiedLinkError when the loader is absent (check {@link ClLibrary#absentReason()} first)
     */
    public static List<ClPlatform> all() {
        List<ClPlatform> p = all;
        if (p == null) {
            synchronized (ClPlatform.class) {
                p = all;
                if (p == null) {
                    p = enumerate();
                    all = p;
                }
            }
        }
        return p;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public List<ClDevice> devices() {
        return devices;
    }

    private static List<ClPlatform> enumerate() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            int status = OpenCl.clGetPlatformIDs(0, MemorySegment.NULL, count);
            if (status == ClStatus.PLATFORM_NOT_FOUND_KHR) {
                return List.of(); // the ICD loader's way of saying that no driver is installed
            }
            ClStatus.check(status, "clGetPlatformIDs");
            int n = count.get(ValueLayout.JAVA_INT, 0);
            if (n == 0) {
                return List.of();
            }
            MemorySegment ids = arena.allocate(ValueLayout.ADDRESS, n);
            ClStatus.check(OpenCl.clGetPlatformIDs(n, ids, MemorySegment.NULL), "clGetPlatformIDs");
            List<ClPlatform> out = new ArrayList<>(n);
            for (int p = 0; p < n; p++) {
                out.add(new ClPlatform(p, ids.getAtIndex(ValueLayout.ADDRESS, p)));
            }
            return List.copyOf(out);
        }
    }

    private static List<MemorySegment> deviceIds(MemorySegment platform) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            try {
                OpenCl.clGetDeviceIDs(platform, OpenCl.CL_DEVICE_TYPE_ALL, 0, MemorySegment.NULL, count);
            } catch (OpenClException e) {
                if (e.status() == -1) { // CL_DEVICE_NOT_FOUND: a platform with no device is simply empty
                    return List.of();
                }
                throw e;
            }
            int n = count.get(ValueLayout.JAVA_INT, 0);
            MemorySegment ids = arena.allocate(ValueLayout.ADDRESS, Math.max(n, 1));
            OpenCl.clGetDeviceIDs(platform, OpenCl.CL_DEVICE_TYPE_ALL, n, ids, MemorySegment.NULL);
            List<MemorySegment> out = new ArrayList<>(n);
            for (int d = 0; d < n; d++) {
                out.add(ids.getAtIndex(ValueLayout.ADDRESS, d));
            }
            return out;
        }
    }
}
