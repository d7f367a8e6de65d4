package reco.cli;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import reco.engine.data.LoadOptions;
import reco.engine.data.MemoryBudget;

/** Where the data comes from, how strictly it is read, and how much memory it may take. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "MovieLens folder (ml-latest-small, ml-latest, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m, ml-100k layouts). Default: the embedded ml-latest-small.")
    Path data;

    @Option(names = "--skip-bad-rows", description = "Count and skip malformed rating rows instead of stopping at the first.")
    boolean skipBadRows;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for parsing (default: all cores).")
    Integer threads;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = MemorySize.class,
            description = "Most memory for ratings, model and optimiser state (e.g. 2g, 512m); a data set that needs more "
                    + "fails at once, saying how much it needs. Default: what the machine has available.")
    Long maxMemory;

    Path dir() {
        return data != null ? data : EmbeddedData.dir();
    }

    MemoryBudget memory() {
        return maxMemory == null ? MemoryBudget.machine() : new MemoryBudget(maxMemory);
    }

    LoadOptions loadOptions() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new UsageException("--threads must be at least 1, was " + t);
        }
        return new LoadOptions(skipBadRows, t, memory());
    }

    /** {@code 2g}, {@code 512m}, … as bytes; picocli reports a bad one as a usage error. */
    static final class MemorySize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return MemoryBudget.parseBytes(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
