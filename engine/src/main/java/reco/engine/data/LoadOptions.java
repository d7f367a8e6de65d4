package reco.engine.data;

/**
 * How to load ratings.
 *
 * @param skipBadRows skip malformed rows (counted, the first few reported) instead of failing on the first
 * @param threads     threads that parse the ratings file, at least 1
 */
public record LoadOptions(boolean skipBadRows, int threads) {
    public LoadOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Strict (the first malformed row fails the load), one thread per available processor. */
    public static LoadOptions defaults() {
        return new LoadOptions(false, Runtime.getRuntime().availableProcessors());
    }

    public LoadOptions withSkipBadRows(boolean skip) {
        return new LoadOptions(skip, threads);
    }

    public LoadOptions withThreads(int n) {
        return new LoadOptions(skipBadRows, n);
    }
}
