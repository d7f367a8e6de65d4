package reco.engine.data;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eight-bytes-at-a-time digit reader against a byte-by-byte loop. */
class DigitsTest {
    private static final long SEED = 20261127;

    /** Digits before the first non-digit among the 8 bytes, and their value: the plain loop. */
    private static long[] byByte(byte[] b, int p) {
        int n = 0;
        long value = 0;
        while (n < Long.BYTES && b[p + n] >= '0' && b[p + n] <= '9') {
            value = value * 10 + (b[p + n] - '0');
            n++;
        }
        return new long[]{n, value};
    }

    @Test
    void runAndValueAgreeWithTheByteLoopForEveryByteValueAndRunLength() {
        System.out.println("DigitsTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED);
        byte[] b = new byte[Long.BYTES];
        for (int trial = 0; trial < 200_000; trial++) {
            int digits = rng.nextInt(Long.BYTES + 1);
            for (int i = 0; i < b.length; i++) {
                // Digits first, then any byte at all (0xFA..0xFF exercise the carry of the digit test).
                b[i] = i < digits ? (byte) ('0' + rng.nextInt(10)) : (byte) rng.nextInt(256);
            }
            long word = Digits.word(b, 0);
            long[] expected = byByte(b, 0);
            int n = Digits.run(word);
            assertEquals(expected[0], n, () -> "run of " + java.util.Arrays.toString(b));
            if (n > 0) {
                assertEquals(expected[1], Digits.value(word, n), () -> "value of " + java.util.Arrays.toString(b));
            }
        }
    }

    @Test
    void boundaryBytesAroundTheDigitsAreNotDigits() {
        // '/' and ':' sit just below and above '0'..'9'; 0xFA + 6 carries into the next byte.
        byte[] b = {'9', '0', (byte) 0xFA, '9', '/', ':', '5', '5'};
        assertEquals(2, Digits.run(Digits.word(b, 0)));
        assertEquals(90, Digits.value(Digits.word(b, 0), 2));
        byte[] all = "99999999".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(8, Digits.run(Digits.word(all, 0)));
        assertEquals(99_999_999L, Digits.value(Digits.word(all, 0), 8));
    }
}
