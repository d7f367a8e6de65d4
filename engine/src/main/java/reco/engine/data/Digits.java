package reco.engine.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads runs of ASCII decimal digits eight bytes at a time (SWAR: SIMD within a register), for the
 * ratings parser's ids and timestamps — a MovieLens row is mostly digits, and a digit-at-a-time loop
 * with a multiply and a branch per digit was the parser's largest cost.
 *
 * <p>The digit test is the one of simdjson's number parser and the conversion Lemire's
 * {@code parse_eight_digits_unrolled} (D. Lemire, "Number parsing at a gigabyte per second", Software:
 * Practice and Experience 51(8), 2021), both on a little-endian load, where the first character is the
 * lowest byte.
 */
final class Digits {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

    private Digits() {
    }

    /** The eight bytes at {@code b[p]}, first byte lowest. */
    static long word(byte[] b, int p) {
        return (long) LONGS.get(b, p);
    }

    /**
     * How many of the word's bytes, from the first, are digits before the first non-digit (8 when all
     * are). A byte is a digit when its high nibble and that of the byte plus 6 are both 3. Adding 6 can
     * carry into the next byte only from a byte of 0xFA or more, a non-digit that ends the run first, so
     * the run's length is exact.
     */
    static int run(long word) {
        long nibbles = (word & HIGH_NIBBLES) | (((word + 0x0606060606060606L) & HIGH_NIBBLES) >>> 4);
        return Long.numberOfTrailingZeros(nibbles ^ 0x3333333333333333L) >>> 3;
    }

    /** The value of the first {@code n} (1 to 8) bytes of {@code word}, all digits. */
    static long value(long word, int n) {
        // Shifting the digits to the top leaves zero bytes below them, which read as leading zeros.
        long v = n == Long.BYTES ? word : word << (Long.SIZE - Byte.SIZE * n);
        v = (v & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
        v = (v & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
        return (v & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
    }

    /** 10 to the power {@code n}, for {@code n} from 0 to 8. */
    static long pow10(int n) {
        return POW10[n];
    }
}
