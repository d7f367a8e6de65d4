package reco.engine.data;

import java.util.Arrays;

/** A growable byte buffer that writes numbers as ASCII digits without going through a String. */
final class AsciiBuffer {
    private byte[] bytes;
    private int length;

    AsciiBuffer(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    AsciiBuffer put(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    /** A non-negative integer in decimal. */
    AsciiBuffer put(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        ensure(20);
        if (value == 0) {
            bytes[length++] = '0';
            return this;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    /** {@code halves / 2} with one decimal: 7 → {@code 3.5}, 8 → {@code 4.0}. */
    AsciiBuffer putHalves(int halves) {
        put(halves / 2).put((byte) '.');
        return put((byte) (halves % 2 == 0 ? '0' : '5'));
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
