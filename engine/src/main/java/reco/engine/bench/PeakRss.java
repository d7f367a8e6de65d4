package reco.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident set size of this process: Linux's high-water mark {@code VmHWM} from
 * {@code /proc/self/status} (proc(5)). It counts everything the process touched — Java heap, native
 * tables, driver memory mapped into the process — which is what a machine must have, unlike the heap
 * figures of {@link Runtime}. It never goes down, so a phase measured on its own runs in its own JVM.
 */
public final class PeakRss {
    static final Path STATUS = Path.of("/proc/self/status");
    /** Returned where the figure cannot be read (not Linux). */
    public static final long UNKNOWN = -1;

    private PeakRss() {
    }

    /** Bytes, or {@link #UNKNOWN}. */
    public static long ofThisProcess() {
        try {
            return parse(Files.readString(STATUS), "VmHWM");
        } catch (IOException | UnsupportedOperationException e) {
            return UNKNOWN;
        }
    }

    /**
     * The value of the line {@code key:   123456 kB} of a {@code /proc/PID/status} text, in bytes, or
     * {@link #UNKNOWN} when there is no such line or it does not read as kibibytes.
     */
    static long parse(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d{1,15}")) {
                    return Long.parseLong(parts[0]) * 1024;
                }
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}
