package reco.kernels.cuda.ffi;

import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;

/**
 * C's {@code size_t} for both bindings, kept apart from them so that NVRTC can be used where the
 * driver cannot be loaded. The bindings pass sizes as Java {@code long}s, so they require a 64-bit
 * {@code size_t} and refuse to initialise on any other platform.
 */
final class SizeT {
    static final ValueLayout LAYOUT = layout();

    private SizeT() {
    }

    private static ValueLayout layout() {
        ValueLayout layout = (ValueLayout) Linker.nativeLinker().canonicalLayouts().get("size_t");
        if (layout.carrier() != long.class) {
            throw new LinkageError("the CUDA bindings need a 64-bit size_t, this platform has " + layout);
        }
        return layout;
    }
}
