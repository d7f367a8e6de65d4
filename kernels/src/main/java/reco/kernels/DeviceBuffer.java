package reco.kernels;

/**
 * A block of memory owned by one {@link ComputeDevice}. The engine sees only its size; what it holds
 * is said by the op that reads it (int32 or float32, row-major). Closing it frees the memory once;
 * closing twice is harmless, using it after close throws {@link DeviceException}.
 */
public interface DeviceBuffer extends AutoCloseable {

    /** Size in bytes. */
    long byteSize();

    /** Whether {@link #close()} has run. */
    boolean isClosed();

    @Override
    void close();
}
