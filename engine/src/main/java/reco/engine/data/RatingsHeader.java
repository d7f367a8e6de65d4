package reco.engine.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a ratings file's header against its rows. Columns are read by position (user, movie, rating,
 * timestamp), so a header is only advice — but advice worth reading: a header that names the columns in
 * another order ({@code movieId,userId,rating}) would otherwise swap users and movies without a word, and
 * one naming a title or a tag says this is the wrong file. Unknown names ({@code a,b,c}) are accepted.
 */
final class RatingsHeader {
    /** What a column of each position is called in the exports people bring, lower case, letters only. */
    private static final Map<String, Integer> POSITION = Map.ofEntries(
            Map.entry("userid", 1), Map.entry("user", 1), Map.entry("users", 1), Map.entry("uid", 1),
            Map.entry("customerid", 1),
            Map.entry("movieid", 2), Map.entry("movie", 2), Map.entry("itemid", 2), Map.entry("item", 2),
            Map.entry("iid", 2), Map.entry("filmid", 2),
            Map.entry("rating", 3), Map.entry("ratings", 3), Map.entry("score", 3), Map.entry("stars", 3),
            Map.entry("timestamp", 4), Map.entry("time", 4), Map.entry("ts", 4), Map.entry("date", 4));
    /** Columns of the other MovieLens files (movies.csv, tags.csv, links.csv). */
    private static final Map<String, String> OTHER_FILES = Map.of("title", "movies", "genres", "movies",
            "tag", "tags", "imdbid", "links", "tmdbid", "links");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]");
    private static final String EXPECTED = "userId,movieId,rating,timestamp";

    private RatingsHeader() {
    }

    /** Throws a {@link DataException} at line 1 when {@code header} disagrees with rows of {@code fields} fields. */
    static void check(Path file, String header, Separator separator, int fields) {
        String line = header.strip();
        String[] names = line.split(Pattern.quote(separator == Separator.DOUBLE_COLON ? "::"
                : separator == Separator.TAB ? "\t" : ","), -1);
        if (names.length != fields) {
            throw DataException.at(file, 1, 0, "the header '" + line + "' names " + names.length + " column"
                            + (names.length == 1 ? "" : "s") + " but the rows have " + fields + " fields separated by "
                            + separator.shown,
                    "make the header match the rows (" + EXPECTED + ") or delete it");
        }
        String[] keys = new String[names.length];
        for (int c = 0; c < names.length; c++) {
            names[c] = names[c].strip().replace("\"", "");
            keys[c] = NOT_LETTERS.matcher(names[c].toLowerCase(Locale.ROOT)).replaceAll("");
            String other = OTHER_FILES.get(keys[c]);
            if (other != null) {
                throw DataException.at(file, 1, c + 1, "the header names a column '" + names[c] + "': this is a "
                        + other + " file, not ratings", "give the ratings file (" + EXPECTED + ")");
            }
        }
        for (int c = 0; c < names.length; c++) {
            Integer position = POSITION.get(keys[c]);
            if (position != null && position != c + 1) {
                throw DataException.at(file, 1, c + 1, "the header puts '" + names[c] + "' in column " + (c + 1)
                                + ", but reco reads the columns by position as user, movie, rating[, timestamp]",
                        "reorder the columns to " + EXPECTED);
            }
        }
    }
}
