package reco.kernels.opencl;

import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;

/**
 * Sets a kernel's arguments in declaration order, so that a call site reads like the kernel's
 * parameter list; {@link #next()} remembers where an argument that changes per launch sits.
 */
final class Args {
    private final ClKernel kernel;
    private int next;

    Args(ClKernel kernel) {
        this.kernel = kernel;
    }

    /** The index the next argument will take. */
    int next() {
        return next;
    }

    /** A buffer, or null for a NULL pointer the kernel is told not to use. */
    Args mem(ClMem buffer) {
        kernel.set(next++, buffer);
        return this;
    }

    Args i32(int v) {
        kernel.set(next++, v);
        return this;
    }

    Args i64(long v) {
        kernel.set(next++, v);
        return this;
    }

    Args f32(float v) {
        kernel.set(next++, v);
        return this;
    }
}
