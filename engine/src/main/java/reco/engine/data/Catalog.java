package reco.engine.data;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The movies of a data set: id → title, year, genres, in the order of the movies file, with a title
 * search. A catalogue may be empty (no movies file, or one without rows); ratings of movies it lacks are
 * still used, and such a movie is shown as {@code movie <id>} ({@link #titleOf}).
 */
public final class Catalog {
    private static final Catalog EMPTY = new Catalog(null, List.of(), 0);

    private final Path source;    // the movies file, null when there is none
    private final List<Movie> movies;
    private final long latin1Lines;
    private final Long2ObjectOpenHashMap<Movie> byId;
    private TitleSearch search;   // built on first use

    private Catalog(Path source, List<Movie> movies, long latin1Lines) {
        this.source = source;
        this.movies = List.copyOf(movies);
        this.latin1Lines = latin1Lines;
        this.byId = new Long2ObjectOpenHashMap<>(movies.size());
        for (Movie m : movies) {
            Movie before = byId.put(m.id(), m);
            if (before != null) {
                throw DataException.of(source, "movie id " + m.id() + " appears twice ('" + before.title()
                        + "' and '" + m.title() + "')", "keep one line per movie id in the movies file");
            }
        }
    }

    /** No movies. */
    public static Catalog empty() {
        return EMPTY;
    }

    /** A catalogue of {@code movies} read from {@code source} (null when they were not read from a file). */
    public static Catalog of(Path source, List<Movie> movies) {
        return new Catalog(source, movies, 0);
    }

    /** The movies file of {@code layout} in {@code dir}; empty when the layout has none or it is missing. */
    public static Catalog read(Layout layout, Path dir) {
        Path file = layout.moviesFile(dir);
        if (file == null || !Files.isRegularFile(file)) {
            return EMPTY;
        }
        CatalogReader.Read read = switch (layout) {
            case MOVIELENS_CSV -> CatalogReader.readCsv(file);
            case MOVIELENS_DAT -> CatalogReader.readDat(file);
            case MOVIELENS_100K -> CatalogReader.readUItem(file, dir.resolve("u.genre"));
            case RATINGS_FILE -> new CatalogReader.Read(List.of(), 0);
        };
        return new Catalog(file, read.movies(), read.latin1Lines());
    }

    /** The catalogue in the folder {@code dir}, whichever movies file it has; an error if it has none. */
    public static Catalog read(Path dir) {
        return read(Layout.detectMovies(dir), dir);
    }

    /** The movies file read, or null for a catalogue that was not read from one. */
    public Path source() {
        return source;
    }

    /** Lines of the movies file that were not UTF-8 and were read as ISO-8859-1 (see {@code DecodedText}). */
    public long latin1Lines() {
        return latin1Lines;
    }

    public int size() {
        return movies.size();
    }

    public boolean isEmpty() {
        return movies.isEmpty();
    }

    /** All movies in the order of the movies file. */
    public List<Movie> movies() {
        return movies;
    }

    public Optional<Movie> movie(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(long id) {
        return byId.containsKey(id);
    }

    /** The title as published, or {@code movie <id>} for a movie the catalogue lacks. */
    public String titleOf(long id) {
        Movie m = byId.get(id);
        return m == null ? "movie " + id : m.title();
    }

    /** All movies whose title matches {@code query}, best first (see {@link TitleSearch} for the ranking). */
    public List<Movie> search(String query) {
        return search(query, Integer.MAX_VALUE);
    }

    /** The best {@code limit} matches of {@code query}. */
    public synchronized List<Movie> search(String query, int limit) {
        if (search == null) {
            search = new TitleSearch(movies);
        }
        return search.search(query, limit);
    }
}
