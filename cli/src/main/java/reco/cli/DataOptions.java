package reco.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import reco.engine.data.LoadOptions;

/** Where the data comes from and how strictly it is read. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "MovieLens folder (ml-latest-small, ml-latest, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m, ml-100k layouts). Default: the embedded ml-latest-small.")
    Path data;

    @Option(names = "--skip-bad-rows", description = "Count and skip malformed rating rows instead of stopping at the first.")
    boolean skipBadRows;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for parsing (default: all cores).")
    Integer threads;

    Path dir() {
        return data != null ? data : EmbeddedData.dir();
    }

    LoadOptions loadOptions() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new UsageException("--threads must be at least 1, was " + t);
        }
        return new LoadOptions(skipBadRows, t);
    }
}
