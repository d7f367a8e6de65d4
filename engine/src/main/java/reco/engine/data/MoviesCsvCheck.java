package reco.engine.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks on {@code movies.csv} that the CSV parser cannot make: quotes that stay open past the end of
 * their line, and a header that names the columns in another order or belongs to another file.
 *
 * <p>An open quote is the dangerous one: CSV lets a quoted field run over line ends, so one stray quote
 * turns the rest of the file into a single title and the load "succeeds" with the movies after it
 * missing. No MovieLens title spans lines, so a quote still open at the end of its line is reported there.
 */
final class MoviesCsvCheck {
    private static final List<String> COLUMNS = List.of("movieid", "title", "genres");
    /** Columns of the other MovieLens files, which a movies file does not have. */
    private static final Set<String> NOT_MOVIES = Set.of("userid", "rating", "timestamp", "tag");

    private MoviesCsvCheck() {
    }

    static void check(Path file, String text) {
        long line = 1;
        for (int from = 0; from < text.length(); line++) {
            int end = text.indexOf('\n', from);
            int to = end < 0 ? text.length() : end;
            if (line == 1) {
                checkHeader(file, text.substring(from, to));
            }
            int openedIn = openQuoteField(text, from, to);
            if (openedIn > 0) {
                throw DataException.at(file, line, openedIn, "a double quote opened in this field is not closed on its line",
                        "close the quote, or write a quote inside a title as two (\"\")");
            }
            from = to + 1;
        }
    }

    /** The 1-based field whose quote is still open at the end of {@code text[from, to)}, or 0. */
    private static int openQuoteField(String text, int from, int to) {
        boolean quoted = false;
        int field = 1;
        int openedIn = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;       // "" inside a quoted field toggles twice: still open
                openedIn = quoted ? field : 0;
            } else if (c == ',' && !quoted) {
                field++;
            }
        }
        return quoted ? openedIn : 0;
    }

    private static void checkHeader(Path file, String first) {
        String[] names = first.split(",", -1);
        if (!CatalogReader.looksLikeHeader(names)) {
            return;
        }
        for (int c = 0; c < names.length; c++) {
            String name = names[c].strip().replace("\"", "").replace("\uFEFF", "");
            String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (NOT_MOVIES.contains(key)) {
                throw DataException.at(file, 1, c + 1, "the header names a column '" + name + "': this is not a movies file",
                        "give the movies file (movieId,title,genres)");
            }
            int position = COLUMNS.indexOf(key);
            if (position >= 0 && position != c) {
                throw DataException.at(file, 1, c + 1, "the header puts '" + name + "' in column " + (c + 1)
                        + ", but the columns are read by position as movieId,title,genres", "reorder the columns to movieId,title,genres");
            }
        }
    }
}
