package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An in-order command queue. Launches are enqueued without waiting, so that many kernels run back to
 * back (about 2 µs each on PoCL, against about 40 µs for a launch followed by a wait); {@link #read}
 * and {@link #write} wait, since they copy through caller memory whose lifetime the queue cannot know.
 */
public final class ClQueue extends ClObject {
    private static final long GLOBAL = 0;   // scratch: size_t global work size
    private static final long LOCAL = 8;    // scratch: size_t local work size
    private static final long EVENT = 16;   // scratch: cl_event out-slot
    private static final long STATUS = 24;  // scratch: cl_int errcode_ret, or an int32 fill pattern

    private final Arena arena;          // object scope: the scratch below, reused by every call (no per-call allocation)
    private final MemorySegment scratch;

    ClQueue(MemorySegment handle) {
        super("OpenCL command queue", handle);
        this.arena = Arena.ofShared();
        this.scratch = arena.allocate(32, 8);
    }

    /** Copies {@code src} into {@code dst} at byte {@code offset}; returns when {@code src} may be reused. */
    public void write(ClMem dst, long offset, MemorySegment src) {
        long size = src.byteSize();
        if (size == 0) {
            return;
        }
        if (dst.hostBacked()) {
            MemorySegment mapped = OpenCl.clEnqueueMapBuffer(handle(), dst.handle(), OpenCl.CL_MAP_WRITE_INVALIDATE_REGION,
                    offset, size, scratch.asSlice(STATUS, Integer.BYTES));
            MemorySegment.copy(src, 0, mapped, 0, size);
            OpenCl.clEnqueueUnmapMemObject(handle(), dst.handle(), mapped);
        } else if (src.isNative()) {
            OpenCl.clEnqueueWriteBuffer(handle(), dst.handle(), offset, size, src);
        } else {
            try (Arena call = Arena.ofShared()) { // a heap array cannot be handed to the driver: stage it
                MemorySegment staged = call.allocate(size, 64);
                MemorySegment.copy(src, 0, staged, 0, size);
                OpenCl.clEnqueueWriteBuffer(handle(), dst.handle(), offset, size, staged);
            }
        }
    }

    /** Copies {@code dst.byteSize()} bytes of {@code src} from byte {@code offset}; waits for every command before. */
    public void read(ClMem src, long offset, MemorySegment dst) {
        long size = dst.byteSize();
        if (size == 0) {
            finish();
            return;
        }
        if (src.hostBacked()) {
            MemorySegment mapped = OpenCl.clEnqueueMapBuffer(handle(), src.handle(), OpenCl.CL_MAP_READ, offset, size,
                    scratch.asSlice(STATUS, Integer.BYTES));
            MemorySegment.copy(mapped, 0, dst, 0, size);
            OpenCl.clEnqueueUnmapMemObject(handle(), src.handle(), mapped);
        } else if (dst.isNative()) {
            OpenCl.clEnqueueReadBuffer(handle(), src.handle(), offset, size, dst);
        } else {
            try (Arena call = Arena.ofShared()) {
                MemorySegment staged = call.allocate(size, 64);
                OpenCl.clEnqueueReadBuffer(handle(), src.handle(), offset, size, staged);
                MemorySegment.copy(staged, 0, dst, 0, size);
            }
        }
    }

    /** Enqueues filling {@code bytes} bytes from {@code offset} (both multiples of 4) with the int32 {@code pattern}. */
    public void fill(ClMem dst, int pattern, long offset, long bytes) {
        if (bytes == 0) {
            return;
        }
        scratch.set(ValueLayout.JAVA_INT, STATUS, pattern);
        OpenCl.clEnqueueFillBuffer(handle(), dst.handle(), scratch.asSlice(STATUS, Integer.BYTES), Integer.BYTES,
                offset, bytes);
    }

    /** Enqueues a one-dimensional launch; {@code global} must be a multiple of {@code local}; 0 launches nothing. */
    public void launch(ClKernel kernel, long global, long local) {
        if (global == 0) {
            return; // OpenCL 1.2 refuses an empty range
        }
        enqueue(kernel, global, local, MemorySegment.NULL);
    }

    /** Like {@link #launch}, and returns the launch's event for timing (the queue profiles). */
    public ClEvent launchProfiled(ClKernel kernel, long global, long local) {
        enqueue(kernel, global, local, scratch.asSlice(EVENT, ValueLayout.ADDRESS.byteSize()));
        return new ClEvent(scratch.get(ValueLayout.ADDRESS, EVENT));
    }

    /** Submits what is queued without waiting. */
    public void flush() {
        OpenCl.clFlush(handle());
    }

    /** Waits until every queued command has finished. */
    public void finish() {
        OpenCl.clFinish(handle());
    }

    private void enqueue(ClKernel kernel, long global, long local, MemorySegment event) {
        if (global % local != 0) {
            throw new IllegalArgumentException("global size " + global + " is not a multiple of local size " + local);
        }
        scratch.set(ValueLayout.JAVA_LONG, GLOBAL, global);
        scratch.set(ValueLayout.JAVA_LONG, LOCAL, local);
        OpenCl.clEnqueueNDRangeKernel(handle(), kernel.handle(), scratch.asSlice(GLOBAL, Long.BYTES),
                scratch.asSlice(LOCAL, Long.BYTES), event);
    }

    @Override
    void release(MemorySegment handle) {
        OpenCl.clReleaseCommandQueue(handle);
        arena.close();
    }
}
