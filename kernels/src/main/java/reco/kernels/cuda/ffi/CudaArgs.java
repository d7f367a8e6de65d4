package reco.kernels.cuda.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import reco.kernels.source.KernelSignature;
import reco.kernels.source.KernelSignature.Kind;

/**
 * One kernel's arguments in the form {@code cuLaunchKernel} takes them: {@code void** kernelParams},
 * an array holding, for each parameter, a pointer to that argument's value (cuda.h: "an array of
 * pointers to kernel parameters"). Each value has its own 8-byte slot here, and the array points
 * at the slots once and for all; setting an argument only writes its slot. The driver copies the
 * values when a launch is enqueued, so one object serves launch after launch with only the
 * arguments that change set again, as a {@code clSetKernelArg}-style kernel object does.
 *
 * <p>Nothing in the driver checks the number or widths of the arguments against the kernel, so this
 * class does: each value is checked against the parameter the source declares at its index
 * ({@link KernelSignature}), and a launch refuses arguments left unset.
 */
public final class CudaArgs implements AutoCloseable {
    private static final long SLOT = Long.BYTES;

    private final KernelSignature signature;
    private final Arena arena;            // object scope: the slots and the pointer array, reused by every launch
    private final MemorySegment values;   // one 8-byte slot per parameter
    private final MemorySegment pointers; // void*[n]: pointers[i] is the address of slot i
    private final boolean[] set;
    private int next;

    /** Arguments for {@code function}, all unset. */
    public CudaArgs(CudaFunction function) {
        this(function.signature());
    }

    CudaArgs(KernelSignature signature) {
        this.signature = signature;
        int n = signature.params().size();
        this.arena = Arena.ofShared();
        this.values = arena.allocate(Math.max(1, n) * SLOT, SLOT);
        this.pointers = arena.allocate(ValueLayout.ADDRESS, Math.max(1, n));
        for (int i = 0; i < n; i++) {
            pointers.setAtIndex(ValueLayout.ADDRESS, i, values.asSlice(i * SLOT, SLOT));
        }
        this.set = new boolean[n];
    }

    /** The index the next appended argument takes. */
    public int next() {
        return next;
    }

    /** Appends a buffer's device address; null passes 0, which the kernel must be told not to use. */
    public CudaArgs buffer(CudaBuffer buffer) {
        return pointer(next, buffer == null ? 0 : buffer.pointer());
    }

    public CudaArgs i32(int v) {
        return setI32(next, v);
    }

    public CudaArgs i64(long v) {
        return setI64(next, v);
    }

    public CudaArgs f32(float v) {
        return setF32(next, v);
    }

    public CudaArgs setI32(int index, int v) {
        slot(index, Kind.INT).set(ValueLayout.JAVA_INT, 0, v);
        return this;
    }

    public CudaArgs setI64(int index, long v) {
        slot(index, Kind.LONG).set(ValueLayout.JAVA_LONG, 0, v);
        return this;
    }

    public CudaArgs setF32(int index, float v) {
        slot(index, Kind.FLOAT).set(ValueLayout.JAVA_FLOAT, 0, v);
        return this;
    }

    /** A device address ({@code CUdeviceptr}) at {@code index}. */
    CudaArgs pointer(int index, long address) {
        slot(index, Kind.POINTER).set(ValueLayout.JAVA_LONG, 0, address);
        return this;
    }

    /** The {@code void**} for {@code cuLaunchKernel}; every parameter must have been set. */
    MemorySegment kernelParams(KernelSignature launched) {
        if (launched != signature) {
            throw new IllegalStateException("arguments for kernel " + signature.kernel() + " passed to a launch of "
                    + launched.kernel());
        }
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw new IllegalStateException("kernel " + signature.kernel() + ": parameter " + i + " ("
                        + signature.params().get(i).name() + ") was never set");
            }
        }
        return set.length == 0 ? MemorySegment.NULL : pointers;
    }

    private MemorySegment slot(int index, Kind kind) {
        List<KernelSignature.Param> params = signature.params();
        if (index < 0 || index >= params.size()) {
            throw new IllegalStateException("kernel " + signature.kernel() + " takes " + params.size()
                    + " parameters; the host set parameter " + index);
        }
        KernelSignature.Param p = params.get(index);
        if (p.kind() != kind) {
            throw new IllegalStateException("kernel " + signature.kernel() + ": parameter " + index + " (" + p.name()
                    + ") is " + name(p.kind()) + " in the source; the host passed " + name(kind));
        }
        set[index] = true;
        next = Math.max(next, index + 1);
        return values.asSlice(index * SLOT, SLOT);
    }

    private static String name(Kind kind) {
        return switch (kind) {
            case POINTER -> "a pointer";
            case INT -> "an int";
            case LONG -> "a long";
            case FLOAT -> "a float";
        };
    }

    @Override
    public void close() {
        arena.close();
    }
}
