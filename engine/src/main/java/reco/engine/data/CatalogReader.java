package reco.engine.data;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads the three published movie files with univocity:
 * {@code movies.csv} ({@code movieId,title,genres}, quoted titles, UTF-8),
 * {@code movies.dat} ({@code MovieID::Title::Genres}; ml-1m is ISO-8859-1 and ml-10m UTF-8, so the bytes
 * are decoded as UTF-8 and, if that fails, as ISO-8859-1), and ml-100k's {@code u.item}
 * ({@code |}-separated, ISO-8859-1, 19 genre flags named by {@code u.genre}).
 * Quotes are only special in {@code movies.csv}; the other two never quote and have titles with {@code "}.
 */
final class CatalogReader {
    /** ml-100k's genres in flag order, used when {@code u.genre} is missing. */
    static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");
    /** Fields of u.item before the genre flags: id, title, release date, video release date, IMDb URL. */
    private static final int UITEM_FIXED_FIELDS = 5;
    private static final String FIX = "correct that line of the movies file";

    private CatalogReader() {
    }

    static List<Movie> readCsv(Path file) {
        return read(file, decode(file, false), new Shape(",", true, true, 3), (row, line) ->
                Movie.parse(wholeNumber(file, line, 1, row[0], "movie id"), row[1], row[2]));
    }

    static List<Movie> readDat(Path file) {
        return read(file, decode(file, false), new Shape("::", false, false, 3), (row, line) ->
                Movie.parse(wholeNumber(file, line, 1, row[0], "movie id"), row[1], row[2]));
    }

    /** ml-100k's {@code u.item}; genres named by {@code uGenre} when that file exists. */
    static List<Movie> readUItem(Path file, Path uGenre) {
        List<String> genres = Files.isRegularFile(uGenre) ? readGenreNames(uGenre) : ML100K_GENRES;
        return read(file, decode(file, true), new Shape("|", false, false, UITEM_FIXED_FIELDS), (row, line) -> {
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
            String title = row[1] == null ? "" : row[1].strip();
            return new Movie(wholeNumber(file, line, 1, row[0], "movie id"), title, Movie.yearOf(title), flagged);
        });
    }

    /** {@code u.genre}: lines {@code name|index}; a blank last line is common. */
    private static List<String> readGenreNames(Path file) {
        record Genre(String name, long index) {
        }
        List<Genre> rows = read(file, decode(file, true), new Shape("|", false, false, 2),
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
     */
    private record Shape(String delimiter, boolean quoted, boolean header, int minFields) {
    }

    /** Rows of {@code text} (blank lines skipped), each mapped by {@code toValue(fields, line)}. */
    private static <T> List<T> read(Path file, String text, Shape shape, BiFunction<String[], Long, T> toValue) {
        CsvParser parser = new CsvParser(settings(shape.delimiter(), shape.quoted()));
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
                if (row.length < shape.minFields()) {
                    throw DataException.at(file, line, 0, "found " + row.length + " field" + (row.length == 1 ? "" : "s")
                            + " separated by '" + shape.delimiter() + "'; expected at least " + shape.minFields(), FIX);
                }
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

    private static CsvParserSettings settings(String delimiter, boolean quoted) {
        CsvParserSettings settings = new CsvParserSettings();
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
    private static boolean looksLikeHeader(String[] row) {
        String id = row.length == 0 || row[0] == null ? "" : row[0].strip();
        return id.isEmpty() || !(Character.isDigit(id.charAt(0)) || id.charAt(0) == '-');
    }

    private static long wholeNumber(Path file, long line, int column, String text, String name) {
        String id = text == null ? "" : text.strip();
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw DataException.at(file, line, column, id.isEmpty() ? name + " is empty"
                    : name + " '" + id + "' is not a whole number", FIX);
        }
    }

    /**
     * The file as text: UTF-8 when it decodes as UTF-8, else ISO-8859-1 (ml-1m's movies.dat has é as one
     * byte). ml-100k files are ISO-8859-1 by definition.
     */
    static String decode(Path file, boolean latin1) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataException.io(file, "cannot read", "check that the file exists and is readable", e);
        }
        if (latin1) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed text";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
