package reco.engine.data;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The bytes of a ratings file, seen two ways: as one segment (the file mapped, or bytes already in
 * memory) for the few scattered reads of sniffing its format and finding chunk bounds, and as
 * positional reads into a thread's own heap window for the two passes over every byte.
 *
 * <p>Why not read those passes through the mapping: each first access to a mapped page is a page fault
 * that maps it into this process, and on the 2-core development VM faults are dear (about 0.35 s of
 * faults and unmapping for a 680 MB file, against 0.15 s for reading it with {@code pread} into a reused
 * window). The mapped pages also count in the resident set: reading instead keeps the file's 680 MB out
 * of the load's peak RSS.
 */
final class RatingsBytes {
    private final Path file;
    private final MemorySegment data;
    private final FileChannel channel; // null: bulk reads copy from data

    private RatingsBytes(Path file, MemorySegment data, FileChannel channel) {
        this.file = file;
        this.data = data;
        this.channel = channel;
    }

    /** {@code channel}'s file, {@code mapping} its bytes: bulk reads go through the channel. */
    static RatingsBytes ofFile(Path file, MemorySegment mapping, FileChannel channel) {
        return new RatingsBytes(file, mapping, channel);
    }

    /** Bytes already in memory ({@code file} only names them in messages). */
    static RatingsBytes inMemory(Path file, MemorySegment data) {
        return new RatingsBytes(file, data, null);
    }

    /** All the bytes, for scattered reads (sniffing, chunk bounds); bulk reads use {@link #read}. */
    MemorySegment segment() {
        return data;
    }

    long size() {
        return data.byteSize();
    }

    byte byteAt(long at) {
        return data.get(ValueLayout.JAVA_BYTE, at);
    }

    /** Copies {@code length} bytes from {@code from} into {@code into[offset…]}; safe from any thread. */
    void read(long from, byte[] into, int offset, int length) {
        if (channel == null) {
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, from, into, offset, length);
            return;
        }
        ByteBuffer window = ByteBuffer.wrap(into, offset, length);
        try {
            while (window.hasRemaining()) {
                int n = channel.read(window, from + window.position() - offset);
                if (n < 0) {
                    throw DataException.of(file, "became shorter while it was read",
                            "load it again once nothing is writing to it");
                }
            }
        } catch (IOException e) {
            throw DataException.io(file, "cannot read", "check that the file exists and is readable", e);
        }
    }
}
