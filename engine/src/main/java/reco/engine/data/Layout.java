package reco.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The published MovieLens folder layouts, told apart by their ratings file's name. Each also has a
 * movies file; when that is missing the ratings still load, with an empty catalogue.
 */
public enum Layout {
    /** {@code ratings.csv} + {@code movies.csv}: ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m. */
    MOVIELENS_CSV("ratings.csv", "movies.csv", "ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m"),
    /** {@code ratings.dat} + {@code movies.dat}, {@code ::}-separated: ml-1m, ml-10m. */
    MOVIELENS_DAT("ratings.dat", "movies.dat", "ml-1m, ml-10m"),
    /** {@code u.data} (tab-separated, no header) + {@code u.item} ({@code |}, ISO-8859-1): ml-100k. */
    MOVIELENS_100K("u.data", "u.item", "ml-100k"),
    /** One ratings file given by path (any separator, e.g. ml-100k's {@code u1.base}); no movies file. */
    RATINGS_FILE(null, null, "a single ratings file");

    private final String ratingsName;
    private final String moviesName;
    private final String releases;

    Layout(String ratingsName, String moviesName, String releases) {
        this.ratingsName = ratingsName;
        this.moviesName = moviesName;
        this.releases = releases;
    }

    /** The ratings file in {@code dir} (null for {@link #RATINGS_FILE}, which has no fixed name). */
    public Path ratingsFile(Path dir) {
        return ratingsName == null ? null : dir.resolve(ratingsName);
    }

    /** The movies file in {@code dir}, or null when the layout has none. */
    public Path moviesFile(Path dir) {
        return moviesName == null ? null : dir.resolve(moviesName);
    }

    /** The releases published in this layout. */
    public String releases() {
        return releases;
    }

    /** The layout of the MovieLens folder {@code dir}; a {@link DataException} if it has none. */
    public static Layout detect(Path dir) {
        if (!Files.exists(dir)) {
            throw DataException.of(dir, "no such folder",
                    "give the folder a MovieLens zip was extracted to, e.g. data/ml-latest-small");
        }
        if (!Files.isDirectory(dir)) {
            throw DataException.of(dir, "is a file, not a folder",
                    "give the folder that holds it, or load a single ratings file (--train FILE)");
        }
        Layout found = in(dir);
        if (found != null) {
            return found;
        }
        List<String> looked = new ArrayList<>();
        for (Layout l : values()) {
            if (l.ratingsName != null) {
                looked.add(l.ratingsName + " + " + l.moviesName + " (" + l.releases + ")");
            }
        }
        throw DataException.of(dir, "no MovieLens ratings here; looked for " + String.join(", ", looked),
                suggestion(dir));
    }

    /**
     * The layout of the movies file in {@code dir} ({@code movies.csv}, {@code movies.dat} or
     * {@code u.item}), for a folder given only for its catalogue; a {@link DataException} if it has none.
     */
    public static Layout detectMovies(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DataException.of(dir, Files.exists(dir) ? "is a file, not a folder" : "no such folder",
                    "give the MovieLens folder that holds movies.csv, movies.dat or u.item");
        }
        List<String> looked = new ArrayList<>();
        for (Layout l : values()) {
            if (l.moviesName != null) {
                if (Files.isRegularFile(dir.resolve(l.moviesName))) {
                    return l;
                }
                looked.add(l.moviesName);
            }
        }
        throw DataException.of(dir, "no movies file here; looked for " + String.join(", ", looked),
                "give the MovieLens folder that holds the movies of these ratings");
    }

    private static Layout in(Path dir) {
        for (Layout l : values()) {
            if (l.ratingsName != null && Files.isRegularFile(dir.resolve(l.ratingsName))) {
                return l;
            }
        }
        return null;
    }

    /** Points at a subfolder that holds a data set (a zip extracted one level up), if there is one. */
    private static String suggestion(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> sets = children.filter(Files::isDirectory).filter(d -> in(d) != null).sorted().toList();
            if (!sets.isEmpty()) {
                return "did you mean " + sets.getFirst() + "?";
            }
        } catch (IOException e) {
            return "give a folder holding one of those files";
        }
        return "give a folder holding one of those files (unzip a MovieLens release from grouplens.org/datasets/movielens)";
    }
}
