package reco.engine.data;

/**
 * How to load ratings.
 *
 * @param skipBadRows skip malformed rows (counted, the first few reported) instead of failing on the first
 * @param threads     threads that parse the ratings file, at least 1
 * @param memory      the memory the load may take, checked before the rating table is allocated
 */
public record LoadOptions(boolean skipBadRows, int threads, MemoryBudget memory) {
    public LoadOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (memory == null) {
            throw new IllegalArgumentException("a memory budget is required (MemoryBudget.machine() for none of our own)");
        }
    }

    /** Within the machine's available memory. */
    public LoadOptions(boolean skipBadRows, int threads) {
        this(skipBadRows, threads, MemoryBudget.machine());
    }

    /** Strict (the first malformed row fails the load), one thread per available processor. */
    public static LoadOptions defaults() {
        return new LoadOptions(false, Runtime.getRuntime().availableProcessors());
    }

    public LoadOptions withSkipBadRows(boolean skip) {
        return new LoadOptions(skip, threads, memory);
    }

    public LoadOptions withThreads(int n) {
        return new LoadOptions(skipBadRows, n, memory);
    }

    public LoadOptions withMemory(MemoryBudget budget) {
        return new LoadOptions(skipBadRows, threads, budget);
    }
}
