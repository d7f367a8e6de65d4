package reco.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures loading by hand (not a test: no timing belongs in tests). Usage:
 * <pre>
 *   java -cp CLASSPATH reco.engine.data.LoadTiming generate DIR USERS ITEMS RATINGS RANK SEED
 *   java -cp CLASSPATH reco.engine.data.LoadTiming load DIR [THREADS]
 * </pre>
 * Run under {@code /usr/bin/time -v} for the peak resident set size.
 */
public final class LoadTiming {
    private LoadTiming() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "generate" -> generate(args);
            case "load" -> load(args);
            case "phases" -> {
                int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
                for (int r = 0; r < repeats; r++) {
                    phases(args);
                }
            }
            default -> throw new IllegalArgumentException("generate or load, not " + args[0]);
        }
    }

    private static void generate(String[] args) {
        long start = System.nanoTime();
        Synthetic.generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Long.parseLong(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]));
        System.out.printf("generated %s in %.2f s%n", args[1], (System.nanoTime() - start) * 1e-9);
    }

    private static void load(String[] args) {
        Path dir = Path.of(args[1]);
        LoadOptions options = args.length > 2 ? LoadOptions.defaults().withThreads(Integer.parseInt(args[2]))
                : LoadOptions.defaults();
        long start = System.nanoTime();
        try (Dataset data = MovieLens.load(dir, options)) {
            double seconds = (System.nanoTime() - start) * 1e-9;
            long bytes = sizeOf(data.layout().ratingsFile(dir));
            System.out.printf("loaded %,d ratings (%,d users, %,d movies, %,d in catalogue) from %,d bytes"
                            + " in %.2f s (%.0f MB/s), threads %d%n",
                    data.ratings().size(), data.users().size(), data.items().size(), data.catalog().size(),
                    bytes, seconds, bytes / seconds / 1e6, options.threads());
            data.report().notes().forEach(System.out::println);
        }
    }

    /** The load's phases one by one (the same steps as {@link MovieLens#load}), to see where time goes. */
    private static void phases(String[] args) {
        Path file = Path.of(args[1]).resolve("ratings.csv");
        LoadOptions options = args.length > 2 ? LoadOptions.defaults().withThreads(Integer.parseInt(args[2]))
                : LoadOptions.defaults();
        long t0 = System.nanoTime();
        RawRatings raw = new RatingsParser(options).parse(file);
        long t1 = System.nanoTime();
        IdMapping users = IdMapping.users(java.util.List.of(raw), options.threads());
        IdMapping items = IdMapping.items(java.util.List.of(raw), options.threads());
        long t2 = System.nanoTime();
        try (RatingTable table = raw.table()) {
            raw.mapIds(users, items, options.threads());
            long t3 = System.nanoTime();
            long[] dropped = Duplicates.earlierRepeats(table, users.index().size(), items.index().size(),
                    raw.usersAscending());
            long t4 = System.nanoTime();
            System.out.printf("parse %.2f s, id index %.2f s, map ids %.2f s, duplicates %.2f s (%d)%n",
                    (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, (t4 - t3) * 1e-9, dropped.length);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
