package reco.engine.data;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls behind {@link RatingTable}'s large columns on Linux: {@code aligned_alloc},
 * {@code free} and {@code madvise(MADV_HUGEPAGE)} (glibc and musl have all three). Only used there:
 * the symbols are bound when this class is first used.
 *
 * <p>Why not {@link Arena#allocate}: it zero-fills on the allocating thread, so one thread first-touches
 * every 4 KiB page of a 25-million-row table (500 MB) before any row is parsed. On the 2-core
 * development VM a first touch costs about 13 µs a page — 1.6 s for that table, more than parsing it.
 * Memory from here is left untouched for the parser threads to touch in parallel, each its own rows,
 * and is advised to be backed by 2 MiB transparent huge pages, which makes a first touch about a third
 * as dear and lets two threads fault in parallel (1.7 s → 0.6 s measured on that VM).
 */
final class Libc {
    /** Transparent huge page size on x86-64 and most arm64 Linux kernels. */
    static final long HUGE_PAGE = 2L << 20;
    /** {@code MADV_HUGEPAGE} from Linux {@code <asm-generic/mman-common.h>}; other systems lack the advice. */
    private static final int MADV_HUGEPAGE = 14;
    /** {@code EINVAL}: the kernel was built without transparent huge pages (or the advice is unknown). */
    private static final int EINVAL = 22;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle ALIGNED_ALLOC = downcall("aligned_alloc",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = downcall("free", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle MADVISE = LINKER.downcallHandle(symbol("madvise"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));

    private Libc() {
    }

    /**
     * {@code bytes} of native memory, aligned to a huge page and freed when {@code arena} closes. Its
     * content is unspecified (fresh pages read as zero, but nothing promises fresh pages): write before
     * reading. Throws {@link OutOfMemoryError} naming the call when the C library has no memory to give.
     */
    static MemorySegment allocateUntouched(Arena arena, long bytes) {
        long size = Math.ceilDiv(Math.max(bytes, 1), HUGE_PAGE) * HUGE_PAGE;
        MemorySegment block = aligned_alloc(HUGE_PAGE, size);
        if (block.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("aligned_alloc(" + HUGE_PAGE + ", " + size + ") returned NULL: out of native memory");
        }
        MemorySegment owned = block.reinterpret(size, arena, Libc::free);
        // Advice only: where the kernel has no transparent huge pages (EINVAL) the memory works the same
        // with 4 KiB pages. Any other errno means a bad range, a bug here.
        int errno = madvise(owned, size, MADV_HUGEPAGE);
        if (errno != 0 && errno != EINVAL) {
            throw new IllegalStateException("madvise(MADV_HUGEPAGE) of " + size + " bytes failed: errno " + errno);
        }
        return owned.asSlice(0, bytes);
    }

    private static MemorySegment aligned_alloc(long alignment, long size) {
        try {
            return (MemorySegment) ALIGNED_ALLOC.invokeExact(alignment, size);
        } catch (Throwable t) {
            throw new IllegalStateException("aligned_alloc failed", t);
        }
    }

    private static void free(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }

    /** The errno of a failed call, 0 when it succeeded. */
    private static int madvise(MemorySegment block, long size, int advice) {
        try (Arena call = Arena.ofConfined()) { // call scope: errno is read before the call returns
            MemorySegment state = call.allocate(CALL_STATE);
            int status = (int) MADVISE.invokeExact(state, block, size, advice);
            return status == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed", t);
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
    }
}
