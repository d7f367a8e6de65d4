package reco.engine.data;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads the three published movie files with univocity:
 * {@code movies.csv} ({@code movieId,title,genres}, quoted titles, UTF-8),
 * {@code movies.dat} ({@code MovieID::Title::Genres}; ml-1m is ISO-8859-1 and ml-10m UTF-8, so each line
 * is decoded as UTF-8 and, if that fails, as ISO-8859-1: {@link DecodedText}), and ml-100k's {@code u.item}
 * ({@code |}-separated, ISO-8859-1, 19 genre flags named by {@code u.genre}).
 * Quotes are only special in {@code movies.csv}; the other two never quote and have titles with {@code "}.
 *
 * <p>Beyond the fields themselves, a row must have exactly the fields of its file (an unquoted comma in
 * a title makes a fourth), a title, and a movie id not seen before; a quote must close on its own line
 * (no MovieLens title spans lines, so an open quote would otherwise swallow the rest of the file into one
 * title). A malformed last line without a line end says the file may have been cut off.
 */
final class CatalogReader {
    /** ml-100k's genres in flag order, used when {@code u.genre} is missing. */
    static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");
    /** Fields of u.item before the genre flags: id, title, release date, video release date, IMDb URL. */
    private static final int UITEM_FIXED_FIELDS = 5;
    private static final String FIX = "correct that line of the movies file";
    private static final Shape CSV = new Shape(",", true, true, 3, 3);
    private static final Shape DAT = new Shape("::", false, false, 3, 3);

    /** Movies read from a file, and how many of its lines were not UTF-8 (read as ISO-8859-1). */
    record Read(List<Movie> movies, long latin1Lines) {
    }

    private CatalogReader() {
    }

    static Read readCsv(Path file) {
        return readCsv(file, DecodedText.read(file, false));
    }

    /** {@code movies.csv} already decoded ({@code file} only names it in messages). */
    static Read readCsv(Path file, DecodedText text) {
        MoviesCsvCheck.check(file, text.text());
        return new Read(movies(file, text.text(), CSV, (row, line) ->
                Movie.parse(movieId(file, line, row[0]), title(file, line, row[1]), row[2])), text.latin1Lines());
    }

    static Read readDat(Path file) {
        return readDat(file, DecodedText.read(file, false));
    }

    /** {@code movies.dat} already decoded. */
    static Read readDat(Path file, DecodedText text) {
        return new Read(movies(file, text.text(), DAT, (row, line) ->
                Movie.parse(movieId(file, line, row[0]), title(file, line, row[1]), row[2])), text.latin1Lines());
    }

    /** ml-100k's {@code u.item}; genres named by {@code uGenre} when that file exists. */
    static Read readUItem(Path file, Path uGenre) {
        List<String> genres = Files.isRegularFile(uGenre) ? readGenreNames(uGenre) : ML100K_GENRES;
        return readUItem(file, DecodedText.read(file, true).text(), genres);
    }

    /** {@code u.item} already decoded, with its genre names in flag order. */
    static Read readUItem(Path file, String text, List<String> genres) {
        Shape shape = new Shape("|", false, false, UITEM_FIXED_FIELDS, UITEM_FIXED_FIELDS + genres.size());
        return new Read(movies(file, text, shape, (row, line) -> {
            List<String> flagged = new ArrayList<>();
            for (int g = 0; g < genres.size() && UITEM_FIXED_FIELDS + g < row.length; g++) {
                String flag = row[UITEM_FIXED_FIELDS + g] == null ? "0" : row[UITEM_FIXED_FIELDS + g].strip();
                if (!flag.equals("0") && !flag.equals("1")) {
                    throw DataException.at(file, line, UITEM_FIXED_FIELDS + g + 1, "genre flag '" + flag
                            + "' for " + genres.get(g) + " is not 0 or 1", FIX);
                }
                // ml-100k flags "unknown" where later releases write "(no genres listed)": no genre.
                if (flag.equals("1") && !genres.get(g).equals("unknown")) {
                    flagged.add(genres.get(g));
                }
            }
            String title = title(file, line, row[1]);
            return new Movie(movieId(file, line, row[0]), title, Movie.yearOf(title), flagged);
        }), 0);
    }

    /** {@code u.genre}: lines {@code name|index}; a blank last line is common. */
    private static List<String> readGenreNames(Path file) {
        record Genre(String name, long index) {
        }
        List<Genre> rows = read(file, DecodedText.read(file, true).text(), new Shape("|", false, false, 2, 2),
                (row, line) -> new Genre(row[0], wholeNumber(file, line, 2, row[1], "genre index")));
        List<String> names = new ArrayList<>();
        for (Genre g : rows) {
            if (g.index() != names.size()) {
                throw DataException.of(file, "genre '" + g.name() + "' has index " + g.index() + " where "
                        + names.size() + " was expected", "list the genres as name|0, name|1, … in order");
            }
            names.add(g.name());
        }
        return names;
    }

    /**
     * How a file's rows look.
     *
     * @param delimiter field separator
     * @param quoted    whether {@code "} quotes fields
     * @param header    whether a first row that does not start with a number is a header to skip
     * @param minFields fewest fields a row may have
     * @param maxFields most fields a row may have
     */
    private record Shape(String delimiter, boolean quoted, boolean header, int minFields, int maxFields) {
    }

    /** The movies of {@code text}, each movie id once. */
    private static List<Movie> movies(Path file, String text, Shape shape, BiFunction<String[], Long, Movie> toMovie) {
        Long2LongOpenHashMap lineOf = new Long2LongOpenHashMap();
        return read(file, text, shape, (row, line) -> {
            Movie m = toMovie.apply(row, line);
            long first = lineOf.putIfAbsent(m.id(), line.longValue());
            if (first != lineOf.defaultReturnValue()) {
                throw DataException.at(file, line, 1, "movie id " + m.id() + " appears again (first on line " + first + ")",
                        "keep one line per movie id in the movies file");
            }
            return m;
        });
    }

    /** Rows of {@code text} (blank lines skipped), each mapped by {@code toValue(fields, line)}. */
    private static <T> List<T> read(Path file, String text, Shape shape, BiFunction<String[], Long, T> toValue) {
        try {
            return parse(file, text, shape, toValue);
        } catch (DataException e) {
            boolean cutOff = !text.isEmpty() && !text.endsWith("\n") && e.line() == lines(text);
            throw cutOff ? e.withMore(ChunkParser.CUT_OFF) : e;
        }
    }

    private static <T> List<T> parse(Path file, String text, Shape shape, BiFunction<String[], Long, T> toValue) {
        CsvParser parser = new CsvParser(settings(shape.delimiter(), shape.quoted(), text.length()));
        List<T> values = new ArrayList<>();
        try {
            parser.beginParsing(new StringReader(text));
            boolean first = true;
            for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
                long line = parser.getContext().currentLine();
                if (first && shape.header() && looksLikeHeader(row)) {
                    first = false;
                    continue;
                }
                first = false;
                checkFieldCount(file, line, row.length, shape);
                values.add(toValue.apply(row, line));
            }
        } catch (TextParsingException e) {
            throw DataException.at(file, e.getLineIndex() + 1, e.getColumnIndex() + 1,
                    "cannot parse: " + firstLine(e.getMessage()), FIX);
        } finally {
            parser.stopParsing();
        }
        return values;
    }

    private static void checkFieldCount(Path file, long line, int fields, Shape shape) {
        if (fields >= shape.minFields() && fields <= shape.maxFields()) {
            return;
        }
        String expected = shape.minFields() == shape.maxFields() ? "" + shape.minFields()
                : fields < shape.minFields() ? "at least " + shape.minFields() : "at most " + shape.maxFields();
        String hint = shape.quoted() && fields > shape.maxFields()
                ? " (a title with a comma must be in double quotes: \"Matrix, The (1999)\")" : "";
        throw DataException.at(file, line, fields < shape.minFields() ? 0 : shape.maxFields() + 1, "found " + fields
                + " field" + (fields == 1 ? "" : "s") + " separated by '" + shape.delimiter() + "'; expected " + expected
                + hint, FIX);
    }

    private static CsvParserSettings settings(String delimiter, boolean quoted, int length) {
        CsvParserSettings settings = new CsvParserSettings();
        // The text is already in memory: no reader thread (univocity starts one per parse by default), and
        // no buffer larger than the text (the default is a million chars, allocated per parse).
        settings.setReadInputOnSeparateThread(false);
        settings.setInputBufferSize(Math.clamp(length + 1L, 16, 1 << 20));
        settings.getFormat().setDelimiter(delimiter);
        settings.getFormat().setLineSeparator("\n");
        if (!quoted) {
            settings.getFormat().setQuote('\0');
            settings.getFormat().setQuoteEscape('\0');
        }
        settings.setNormalizeLineEndingsWithinQuotes(false);
        settings.setSkipEmptyLines(true);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setMaxCharsPerColumn(1 << 16);
        return settings;
    }

    /** A first row whose first field is not a number is a header ({@code movieId,title,genres}). */
    static boolean looksLikeHeader(String[] row) {
        String id = row.length == 0 || row[0] == null ? "" : row[0].strip();
        return id.isEmpty() || !(Character.isDigit(id.charAt(0)) || id.charAt(0) == '-');
    }

    private static long movieId(Path file, long line, String text) {
        long id = wholeNumber(file, line, 1, text, "movie id");
        if (id < 0) {
            throw DataException.at(file, line, 1, "movie id " + id + " is negative; ids are whole numbers from 0 up", FIX);
        }
        return id;
    }

    private static String title(Path file, long line, String text) {
        String title = text == null ? "" : text.strip();
        if (title.isEmpty()) {
            throw DataException.at(file, line, 2, "title is empty", "give the movie a title, e.g. Toy Story (1995)");
        }
        return title;
    }

    private static long wholeNumber(Path file, long line, int column, String text, String name) {
        String id = text == null ? "" : text.strip();
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            boolean tooLarge = id.matches("[+-]?[0-9]{19,}");
            throw DataException.at(file, line, column, id.isEmpty() ? name + " is empty"
                    : name + " '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "' " + (tooLarge ? "is too large" : "is not a whole number"), FIX);
        }
    }

    /** Lines of {@code text}: its '\n's, plus one for a last line without one. */
    private static long lines(String text) {
        long n = text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? n : n + 1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed text";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
