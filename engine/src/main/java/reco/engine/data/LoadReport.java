package reco.engine.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened while loading one ratings file.
 *
 * @param ratingsFile         the file read
 * @param rowsRead            well-formed rating rows read (duplicates included)
 * @param badRowsSkipped      malformed rows skipped (always 0 unless skipping was asked for)
 * @param firstBadRows        the first few of them, in file order
 * @param duplicatesRemoved   earlier ratings of a (user, movie) pair rated again later in the file
 * @param unknownMovieRatings ratings kept whose movie is not in the catalogue
 * @param unknownMovies       distinct such movies
 * @param moviesFile          the movies file read, null when there was none
 * @param catalogMovies       movies in the catalogue
 * @param moviesLatin1Lines   lines of the movies file that were not UTF-8, read as ISO-8859-1
 * @param seconds             wall time of the whole load
 */
public record LoadReport(Path ratingsFile, long rowsRead, long badRowsSkipped, List<RowProblem> firstBadRows,
                         long duplicatesRemoved, long unknownMovieRatings, int unknownMovies,
                         Path moviesFile, int catalogMovies, long moviesLatin1Lines, double seconds) {
    public LoadReport {
        firstBadRows = List.copyOf(firstBadRows);
    }

    /** Ratings in the table: rows read less the duplicates removed. */
    public long ratingsKept() {
        return rowsRead - duplicatesRemoved;
    }

    /** One line per thing a user should know about (nothing when the load was clean). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (badRowsSkipped > 0) {
            notes.add("skipped " + badRowsSkipped + " malformed row" + plural(badRowsSkipped) + ", first: "
                    + firstBadRows.stream().map(RowProblem::toString).reduce((a, b) -> a + " | " + b).orElse(""));
        }
        if (duplicatesRemoved > 0) {
            notes.add("removed " + duplicatesRemoved + " earlier rating" + plural(duplicatesRemoved)
                    + " of (user, movie) pairs rated again later; the last rating of each pair is kept");
        }
        if (moviesLatin1Lines > 0) {
            notes.add(moviesLatin1Lines + " line" + plural(moviesLatin1Lines) + " of " + moviesFile
                    + (moviesLatin1Lines == 1 ? " is" : " are") + " not UTF-8 and read as ISO-8859-1 (latin-1); "
                    + "save the file as UTF-8 if titles look wrong");
        }
        if (catalogMovies == 0) {
            notes.add(moviesFile == null ? "no movies file: movies are shown as 'movie <id>'"
                    : moviesFile + " has no movies: movies are shown as 'movie <id>'");
        } else if (unknownMovieRatings > 0) {
            notes.add(unknownMovieRatings + " rating" + plural(unknownMovieRatings) + " of " + unknownMovies
                    + " movie" + plural(unknownMovies) + " missing from " + moviesFile
                    + " kept; shown as 'movie <id>'");
        }
        return notes;
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
