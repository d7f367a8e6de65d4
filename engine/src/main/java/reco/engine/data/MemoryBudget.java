package reco.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How much memory a load or a training run may take, checked before it allocates so that a data set too
 * large for the machine fails at once with what it needs and what there is, not with an
 * {@link OutOfMemoryError} (or the kernel's OOM killer) halfway.
 *
 * <p>Two pools. <b>Native</b> memory holds the rating tables, the model and the optimiser state (off-heap
 * segments, which {@code -Xmx} does not bound): its limit is {@code --max-memory} when given — then the
 * whole run must fit, what is already held included — else what the machine has available now
 * ({@code MemAvailable} of {@code /proc/meminfo}; no check where that cannot be read), which the next
 * allocation alone must fit. The <b>heap</b> holds per-rating index arrays; its limit is
 * {@link Runtime#maxMemory()}, compared with the heap a step needs at its peak (not with what is free
 * now, which includes garbage the collector would reclaim).
 *
 * @param limitBytes the native limit, or 0 for the machine's available memory
 */
public record MemoryBudget(long limitBytes) {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    public MemoryBudget {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("a memory limit cannot be negative, was " + limitBytes);
        }
    }

    /** No limit of our own: what the machine has available. */
    public static MemoryBudget machine() {
        return new MemoryBudget(0);
    }

    /**
     * Fails unless {@code nativeBytes} more native memory, on top of {@code heldBytes} already held by this
     * run, and a heap peak of {@code heapBytes} fit.
     *
     * @param file where the data came from, named in the message
     * @param what what needs the memory, e.g. "loading 100,836 ratings"
     */
    public void require(Path file, String what, long nativeBytes, long heldBytes, long heapBytes) {
        String fix = "use a machine with more memory, a smaller data set" + (limitBytes > 0 ? " or a larger --max-memory" : "");
        if (limitBytes > 0 && heldBytes + nativeBytes > limitBytes) {
            throw DataException.of(file, what + " needs about " + bytes(heldBytes + nativeBytes) + " of memory"
                    + (heldBytes > 0 ? " (" + bytes(heldBytes) + " already in use)" : "") + ", but --max-memory allows "
                    + bytes(limitBytes), fix);
        }
        long available = limitBytes > 0 ? Long.MAX_VALUE : availableNative();
        if (nativeBytes > available) {
            throw DataException.of(file, what + " needs about " + bytes(nativeBytes) + " more memory, but this machine has "
                    + bytes(available) + " available", fix);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (heapBytes > heap) {
            throw DataException.of(file, what + " needs about " + bytes(heapBytes) + " of Java heap, but the heap is limited to "
                    + bytes(heap), "give Java more heap (JAVA_OPTS=-Xmx…) or load a smaller data set");
        }
    }

    /** {@code MemAvailable} from /proc/meminfo in bytes, or {@link Long#MAX_VALUE} where it cannot be read. */
    static long availableNative() {
        try {
            List<String> lines = Files.readAllLines(MEMINFO);
            for (String line : lines) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE; // not Linux, or no /proc: nothing to check against
        }
        return Long.MAX_VALUE;
    }

    /** A size for a message: 3.2 GiB, 640 MiB, 12 KiB, 100 B. */
    public static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /**
     * Parses a size such as {@code 2g}, {@code 512m}, {@code 1500k}, {@code 1073741824} (binary units, case
     * ignored, an optional trailing {@code b} or {@code ib}); an {@link IllegalArgumentException} otherwise.
     */
    public static long parseBytes(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        long unit = 1;
        if (!s.isEmpty() && "kmgt".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(s);
            if (!(v > 0) || !Double.isFinite(v) || v * unit >= Long.MAX_VALUE || !s.matches("[0-9.]+")) {
                throw new NumberFormatException(s);
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size: write it like 2g, 512m or 1500k");
        }
    }
}
