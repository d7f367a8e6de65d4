package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads MovieLens ratings and movies into a {@link Dataset}.
 *
 * <p>Policies (each has a test in {@code MovieLensTest}):
 * <ul>
 *   <li><b>Malformed rows</b> stop the load with a {@link DataException} naming file, line and column —
 *       unless {@link LoadOptions#skipBadRows()}, when they are skipped, counted and the first few
 *       reported in {@link LoadReport#firstBadRows()}.</li>
 *   <li><b>Movies the catalogue lacks</b>: their ratings are kept, counted in
 *       {@link LoadReport#unknownMovieRatings()}, and the movie is shown as {@code movie <id>}.</li>
 *   <li><b>Repeated (user, movie) pairs</b>: the last rating in file order is kept, the earlier ones are
 *       dropped and counted in {@link LoadReport#duplicatesRemoved()}.</li>
 *   <li><b>No ratings</b> (an empty file, a header alone, or only malformed rows): a
 *       {@link DataException} saying "no ratings".</li>
 *   <li><b>No movies</b> (a missing or empty movies file): allowed; the catalogue is empty and
 *       {@link LoadReport#notes()} says so.</li>
 *   <li><b>Ratings off the file's scale</b> (a 10 or a 0 among half stars), the scale detected from the
 *       file's own values ({@link RatingScale}): malformed rows, as above.</li>
 *   <li><b>Ids</b> are whole numbers from 0 up with at most 18 digits; a negative or longer one is a
 *       malformed row. A ratings header is optional, but one naming the columns in another order is an
 *       error ({@code RatingsHeader}).</li>
 *   <li><b>Movies files</b> are decoded line by line as UTF-8, else ISO-8859-1 ({@code DecodedText});
 *       a repeated movie id, an empty title or a quote left open is an error naming its line.</li>
 *   <li><b>Memory</b>: the rows are counted before the table is allocated, and a load that would not fit
 *       ({@link LoadOptions#memory()}) fails then, saying how much it needs.</li>
 *   <li><b>Dense indices</b> are the ranks of the external ids ({@link IdIndex}), so they do not depend
 *       on row order or thread count; rows stay in file order.</li>
 * </ul>
 */
public final class MovieLens {
    private MovieLens() {
    }

    /** The data set in the MovieLens folder {@code dir}, whichever published layout it has. */
    public static Dataset load(Path dir, LoadOptions options) {
        long start = System.nanoTime();
        Layout layout = Layout.detect(dir);
        CatalogTask catalog = CatalogTask.start(layout, dir);
        RawRatings raw;
        try {
            raw = new RatingsParser(options).parse(layout.ratingsFile(dir));
        } catch (RuntimeException | Error e) {
            throw catalog.failureOr(e);
        }
        Catalog movies;
        try {
            movies = catalog.join();
        } catch (RuntimeException | Error e) {
            raw.table().close();
            throw e;
        }
        return build(dir, layout, raw, movies, options, start);
    }

    /** One ratings file of any layout (separator and header told from its content); no catalogue. */
    public static Dataset loadRatingsFile(Path file, LoadOptions options) {
        long start = System.nanoTime();
        RawRatings raw = new RatingsParser(options).parse(file);
        return build(parentOf(file), Layout.RATINGS_FILE, raw, Catalog.empty(), options, start);
    }

    /**
     * The ratings in {@code data}, the bytes of a ratings file that {@code file} names in messages, parsed
     * in chunks of about {@code chunkBytes} (0: chosen from the size); for tests that parse many generated
     * inputs without writing each to disk.
     */
    static Dataset loadRatingsBytes(Path file, MemorySegment data, LoadOptions options, long chunkBytes) {
        long start = System.nanoTime();
        RawRatings raw = new RatingsParser(options.threads(), options.skipBadRows(), chunkBytes, options.memory())
                .parse(file, data);
        return build(parentOf(file), Layout.RATINGS_FILE, raw, Catalog.empty(), options, start);
    }

    /**
     * A training and a test file ({@code --train FILE --test FILE}) with one id index over both, and the
     * catalogue of {@code moviesDir} (any MovieLens folder) or none when it is null.
     */
    public static SplitDataset loadSplitFiles(Path train, Path test, Path moviesDir, LoadOptions options) {
        long start = System.nanoTime();
        Catalog catalog = moviesDir == null ? Catalog.empty() : Catalog.read(moviesDir);
        RatingsParser parser = new RatingsParser(options);
        RawRatings trainRaw = parser.parse(train);
        RawRatings testRaw;
        try {
            testRaw = parser.parse(test);
        } catch (RuntimeException e) {
            trainRaw.table().close();
            throw e;
        }
        List<RawRatings> both = List.of(trainRaw, testRaw);
        IdMapping users = IdMapping.users(both, options.threads());
        IdMapping items = IdMapping.items(both, options.threads());
        Table trainTable = table(trainRaw, users, items, options);
        Table testTable = table(testRaw, users, items, options);
        double seconds = (System.nanoTime() - start) * 1e-9;
        Dataset trainSet = new Dataset(parentOf(train), Layout.RATINGS_FILE, trainTable.ratings, users.index(),
                items.index(), catalog, report(trainRaw, trainTable, items.index(), catalog, seconds));
        return new SplitDataset(trainSet, testTable.ratings,
                report(testRaw, testTable, items.index(), catalog, seconds));
    }

    private static Dataset build(Path folder, Layout layout, RawRatings raw, Catalog catalog,
                                 LoadOptions options, long start) {
        List<RawRatings> one = List.of(raw);
        IdMapping users = IdMapping.users(one, options.threads());
        IdMapping items = IdMapping.items(one, options.threads());
        Table table = table(raw, users, items, options);
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Dataset(folder, layout, table.ratings, users.index(), items.index(), catalog,
                report(raw, table, items.index(), catalog, seconds));
    }

    /** A rating table and the number of duplicate rows dropped from it. */
    private record Table(RatingTable ratings, long duplicates) {
    }

    private static Table table(RawRatings raw, IdMapping users, IdMapping items, LoadOptions options) {
        raw.mapIds(users, items, options.threads());
        RatingTable all = raw.table();
        long[] dropped = Duplicates.earlierRepeats(all, users.index().size(), items.index().size(),
                raw.usersAscending());
        if (dropped.length == 0) {
            return new Table(all, 0);
        }
        try (all) {
            return new Table(all.select(Duplicates.keptRows(all.size(), dropped)), dropped.length);
        }
    }

    private static LoadReport report(RawRatings raw, Table table, IdIndex items, Catalog catalog, double seconds) {
        int[] perItem = new int[items.size()];
        RatingTable t = table.ratings;
        for (long i = 0; i < t.size(); i++) {
            perItem[t.item(i)]++;
        }
        long unknownRatings = 0;
        int unknownMovies = 0;
        for (int i = 0; i < perItem.length; i++) {
            if (perItem[i] > 0 && !catalog.contains(items.idOf(i))) {
                unknownRatings += perItem[i];
                unknownMovies++;
            }
        }
        return new LoadReport(raw.file(), raw.rows(), raw.badRows(), raw.firstBadRows(), table.duplicates,
                unknownRatings, unknownMovies, catalog.source(), catalog.size(), catalog.latin1Lines(), seconds);
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file : parent;
    }
}
