package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The {@code clGet*Info} pattern: ask for the size, then for the data. Call-scope arenas here are
 * shared, not confined, on purpose: the JIT profiles the JDK's segment-access code per kind of
 * session, and every hot loop of this project runs over shared segments (see the notes on profile
 * pollution), so the binding touches no other kind.
 */
final class ClInfo {
    /** Which {@code clGet*Info} function to call for one object. */
    @FunctionalInterface
    interface Query {
        void get(int param, long size, MemorySegment value, MemorySegment sizeRet);
    }

    private ClInfo() {
    }

    static Query platform(MemorySegment platform) {
        return (param, size, value, sizeRet) -> OpenCl.clGetPlatformInfo(platform, param, size, value, sizeRet);
    }

    static Query device(MemorySegment device) {
        return (param, size, value, sizeRet) -> OpenCl.clGetDeviceInfo(device, param, size, value, sizeRet);
    }

    /** A {@code char[]} property, without its terminating NUL and surrounding blanks. */
    static String string(Query query, int param) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment size = arena.allocate(OpenCl.SIZE_T);
            query.get(param, 0, MemorySegment.NULL, size);
            long n = size.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment value = arena.allocate(Math.max(n, 1));
            query.get(param, n, value, MemorySegment.NULL);
            return value.getString(0).strip();
        }
    }

    /** A {@code cl_uint} or {@code cl_bool} property. */
    static int int32(Query query, int param) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            query.get(param, ValueLayout.JAVA_INT.byteSize(), value, MemorySegment.NULL);
            return value.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** A {@code cl_ulong}, {@code cl_bitfield} or {@code size_t} property (all 64-bit here). */
    static long int64(Query query, int param) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            query.get(param, ValueLayout.JAVA_LONG.byteSize(), value, MemorySegment.NULL);
            return value.get(ValueLayout.JAVA_LONG, 0);
        }
    }
}
