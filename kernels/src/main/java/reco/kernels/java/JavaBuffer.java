package reco.kernels.java;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;

/** A Java-device buffer: a 64-byte aligned native segment with its own arena. */
final class JavaBuffer implements DeviceBuffer {
    private final Arena arena;          // object scope: freed when this buffer is closed
    private final MemorySegment segment;
    private final JavaDevice owner;

    JavaBuffer(JavaDevice owner, long bytes) {
        this.owner = owner;
        this.arena = Arena.ofShared();
        this.segment = arena.allocate(Math.max(bytes, 1), 64).asSlice(0, bytes);
    }

    /** The memory, checked to be alive and to belong to {@code device}. */
    MemorySegment segment(JavaDevice device) {
        if (device != owner) {
            throw new DeviceException("buffer belongs to another device");
        }
        if (!arena.scope().isAlive()) {
            throw new DeviceException("buffer used after close");
        }
        return segment;
    }

    @Override
    public long byteSize() {
        return segment.byteSize();
    }

    @Override
    public boolean isClosed() {
        return !arena.scope().isAlive();
    }

    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            arena.close();
            owner.forget(this);
        }
    }
}
