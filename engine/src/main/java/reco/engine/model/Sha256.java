package reco.engine.model;

import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of native memory, as lower-case hex. */
final class Sha256 {
    // ByteBuffer views are int-indexed: hash in chunks so that files over 2 GiB work too.
    private static final long CHUNK = 1L << 24;

    private Sha256() {
    }

    /** The SHA-256 of the bytes of {@code segments}, one after another. */
    static String hex(MemorySegment... segments) {
        MessageDigest digest = newDigest();
        for (MemorySegment segment : segments) {
            for (long at = 0, size = segment.byteSize(); at < size; at += CHUNK) {
                digest.update(segment.asSlice(at, Math.min(CHUNK, size - at)).asByteBuffer());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
