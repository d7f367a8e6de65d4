package reco.kernels.java;

import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;

/**
 * A Java-device buffer: 32-bit words on the Java heap, read as int32 or, through
 * {@link Float#intBitsToFloat}, as float32. The heap is this device's memory, as VRAM is a GPU's:
 * array access is what the JIT compiles best (and interprets fastest during warm-up), and every op's
 * elements are 4 bytes wide. The garbage collector frees the words once the buffer is closed.
 */
final class JavaBuffer implements DeviceBuffer {
    /** Largest buffer: the words of one Java array. */
    static final long MAX_BYTES = 4L * (Integer.MAX_VALUE - 8);

    private final JavaDevice owner;
    private final long bytes;
    private volatile int[] words; // null once closed

    JavaBuffer(JavaDevice owner, long bytes) {
        if (bytes > MAX_BYTES) {
            throw new DeviceException("a buffer of " + bytes + " bytes exceeds the Java device's limit of "
                    + MAX_BYTES + " bytes per buffer");
        }
        this.owner = owner;
        this.bytes = bytes;
        this.words = new int[(int) ((bytes + 3) / 4)];
    }

    /** The words, checked to be alive and to belong to {@code device}. */
    int[] words(JavaDevice device) {
        if (device != owner) {
            throw new DeviceException("buffer belongs to another device");
        }
        int[] w = words;
        if (w == null) {
            throw new DeviceException("buffer used after close");
        }
        return w;
    }

    @Override
    public long byteSize() {
        return bytes;
    }

    @Override
    public boolean isClosed() {
        return words == null;
    }

    @Override
    public void close() {
        if (words != null) {
            words = null;
            owner.forget(this);
        }
    }
}
