package reco.kernels.cuda.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

import reco.kernels.source.KernelSignature;
import reco.kernels.source.KernelSource;

/**
 * The {@code void**} array a launch hands to {@code cuLaunchKernel}, read back as the driver reads it:
 * entry i is a pointer, and at that address lie argument i's bytes, in the parameter's width.
 */
class CudaArgsTest {
    static final KernelSignature PREDICT = KernelSignature.parse(KernelSource.read("mf.cl")).get("mf_predict");

    @Test
    void eachEntryPointsAtItsArgumentsBytes() {
        try (CudaArgs args = new CudaArgs(PREDICT)) {
            args.pointer(0, 0x7000_0000_1000L).pointer(1, 0x7000_0000_2000L).i64(1L << 40).i32(-5);
            for (int i = 4; i < 8; i++) {
                args.pointer(i, 0x7000_0000_0000L + i * 0x100L);
            }
            args.f32(3.5f).i32(1).i32(610).i32(9742).pointer(12, 0);
            MemorySegment params = args.kernelParams(PREDICT).reinterpret(13 * ValueLayout.ADDRESS.byteSize());
            assertEquals(0x7000_0000_1000L, at(params, 0).get(ValueLayout.JAVA_LONG, 0));
            assertEquals(0x7000_0000_2000L, at(params, 1).get(ValueLayout.JAVA_LONG, 0));
            assertEquals(1L << 40, at(params, 2).get(ValueLayout.JAVA_LONG, 0));
            assertEquals(-5, at(params, 3).get(ValueLayout.JAVA_INT, 0));
            assertEquals(0x7000_0000_0700L, at(params, 7).get(ValueLayout.JAVA_LONG, 0));
            assertEquals(3.5f, at(params, 8).get(ValueLayout.JAVA_FLOAT, 0));
            assertEquals(9742, at(params, 11).get(ValueLayout.JAVA_INT, 0));
            assertEquals(0L, at(params, 12).get(ValueLayout.JAVA_LONG, 0), "a null buffer is address 0");
            assertEquals(13, args.next());
        }
    }

    /** A value set again between launches lands in the same slot, which the array already points at. */
    @Test
    void settingAnArgumentAgainRewritesOnlyItsSlot() {
        try (CudaArgs args = filled(new CudaArgs(PREDICT))) {
            MemorySegment params = args.kernelParams(PREDICT).reinterpret(13 * ValueLayout.ADDRESS.byteSize());
            long slot3 = params.getAtIndex(ValueLayout.ADDRESS, 3).address();
            args.setI32(3, 77).setI64(2, 12345L).setF32(8, -1f);
            assertEquals(slot3, params.getAtIndex(ValueLayout.ADDRESS, 3).address());
            assertEquals(77, at(params, 3).get(ValueLayout.JAVA_INT, 0));
            assertEquals(12345L, at(params, 2).get(ValueLayout.JAVA_LONG, 0));
            assertEquals(-1f, at(params, 8).get(ValueLayout.JAVA_FLOAT, 0));
        }
    }

    @Test
    void anArgumentOfTheWrongKindIsRefusedNamingTheParameter() {
        try (CudaArgs args = new CudaArgs(PREDICT)) {
            args.pointer(0, 1).pointer(1, 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> args.i32(7));
            assertTrue(e.getMessage().contains("parameter 2 (first) is a long") && e.getMessage().contains("an int"),
                    e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> args.setF32(13, 1f));
            assertTrue(e.getMessage().contains("takes 13 parameters"), e.getMessage());
        }
    }

    @Test
    void aLaunchRefusesUnsetArgumentsAndAnotherKernelsArguments() {
        try (CudaArgs args = new CudaArgs(PREDICT)) {
            args.pointer(0, 1).pointer(1, 2).i64(0).i32(1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> args.kernelParams(PREDICT));
            assertTrue(e.getMessage().contains("parameter 4 (P) was never set"), e.getMessage());
            KernelSignature other = KernelSignature.parse(KernelSource.read("topk.cl")).get("topk");
            CudaArgs full = filled(args);
            e = assertThrows(IllegalStateException.class, () -> full.kernelParams(other));
            assertTrue(e.getMessage().contains("mf_predict") && e.getMessage().contains("topk"), e.getMessage());
        }
        KernelSignature none = KernelSignature.parse("KERNEL void k() {}").get("k");
        try (CudaArgs args = new CudaArgs(none)) {
            assertEquals(MemorySegment.NULL, args.kernelParams(none));
        }
    }

    /** Sets every argument of mf_predict by index, whatever was set before. */
    private static CudaArgs filled(CudaArgs args) {
        args.pointer(0, 1).pointer(1, 2).setI64(2, 3).setI32(3, 4);
        for (int i = 4; i < 8; i++) {
            args.pointer(i, i);
        }
        return args.setF32(8, 1f).setI32(9, 1).setI32(10, 2).setI32(11, 3).pointer(12, 12);
    }

    private static MemorySegment at(MemorySegment params, int i) {
        return params.getAtIndex(ValueLayout.ADDRESS, i).reinterpret(8);
    }
}
