package reco.cli;

import static reco.cli.BadInput.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad ratings and movies files, in each layout, through {@code reco info} and {@code reco train}: each
 * gives exit code 1 and one line naming file, line and column where they apply and the fix, or — for
 * the inputs accepted on purpose (BOM, CRLF, no header, repeated pairs, latin-1) — loads with a note.
 * The rows of the README's bad-input table.
 */
class BadDataInputTest {
    static final String HEADER = "userId,movieId,rating,timestamp\n";
    static final String GOOD_RATINGS = HEADER + "1,1,4.0,1\n1,2,3.5,2\n2,1,5.0,3\n";
    static final String GOOD_MOVIES = "movieId,title,genres\n1,Alpha (1999),Drama\n2,Beta (2000),Comedy\n";

    @TempDir
    Path tmp;

    static final List<BadInput> CASES = List.of(
            ratings("a row with a field missing", 1, "the row has 3 fields; expected 4", HEADER + "1,1,4.0,1\n1,2,3.5\n"),
            ratings("a row with an extra field", 1, "the row has more than 4 fields", HEADER + "1,1,4.0,1\n1,2,4.0,1,9\n"),
            ratings("an empty field", 1, "movie id is empty", HEADER + "1,,4.0,1\n"),
            ratings("a rating that is not a number", 1, "rating 'four' is not a finite decimal number", HEADER + "1,1,four,1\n"),
            ratings("a NaN rating", 1, "rating 'NaN' is not a finite decimal number", HEADER + "1,1,NaN,1\n"),
            ratings("a rating with an exponent", 1, "rating '4e0' is not a finite decimal number", HEADER + "1,1,4e0,1\n"),
            ratings("a rating of 10 among 20,000 half-star ratings", 1, "rating 10 is off this file's rating scale",
                    halfStars(20_000, 1234, "10")),
            ratings("a rating of 0 among 20,000 half-star ratings", 1, "rating 0 is off this file's rating scale",
                    halfStars(20_000, 77, "0")),
            ratings("a negative id", 1, "user id '-3' is negative", HEADER + "1,1,4.0,1\n-3,2,3.0,2\n"),
            ratings("an id of 20 digits", 1, "movie id '12345678901234567890' is too large", HEADER + "1,12345678901234567890,4.0,1\n"),
            ratings("a text id", 1, "user id 'u7' is not a whole number", HEADER + "1,1,4.0,1\nu7,2,3.0,2\n"),
            ratings("a header naming the columns in another order", 1, "the header puts 'movieId' in column 1",
                    "movieId,userId,rating,timestamp\n1,1,4.0,1\n"),
            ratings("a header with fewer columns than the rows", 1, "names 3 columns but the rows have 4 fields",
                    "userId,movieId,rating\n1,1,4.0,1\n"),
            ratingsBytes("UTF-16 text", 1, "is UTF-16 text", ("\uFEFF" + GOOD_RATINGS).getBytes(StandardCharsets.UTF_16LE)),
            ratings("classic Mac line ends (bare CR)", 1, "lines end in a bare carriage return", GOOD_RATINGS.replace('\n', '\r')),
            ratings("a file cut off mid-line", 1, "(it is the last line and has no line end: was the file cut off?)",
                    HEADER + "1,1,4.0,1\n1,2,3."),
            ratings("an empty file", 1, "no ratings in this file", ""),
            ratings("a header and no rows", 1, "no ratings in this file", HEADER),
            new BadInput("ratings.csv", "every row malformed, with --skip-bad-rows", 1, "no ratings: all 2 rows are malformed",
                    dir -> args(dir, HEADER + "1,x,4.0,1\n2,y,4.0,1\n", GOOD_MOVIES, "--skip-bad-rows")),
            new BadInput("ratings.dat", "a malformed row", 1, "ratings.dat:2:3: rating 'five' is not a finite decimal number",
                    dir -> {
                        write(dir, "ratings.dat", "1::1193::5::978300760\n1::661::five::978302109\n");
                        write(dir, "movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n");
                        return new String[]{"info", "--data", dir.toString()};
                    }),
            new BadInput("u.data", "spaces instead of tabs in a row", 1, "u.data:2:1: user id '186 302 3 891717742' is not a whole number",
                    dir -> {
                        write(dir, "u.data", "196\t242\t3\t881250949\n186 302 3 891717742\n");
                        return new String[]{"info", "--data", dir.toString()};
                    }),
            new BadInput("--train FILE", "a movies file given as ratings", 1, "this is a movies file, not ratings",
                    dir -> new String[]{"train", "--train", write(dir, "movies.csv", GOOD_MOVIES).toString(),
                            "--test", write(dir, "test.csv", GOOD_RATINGS).toString()}),
            new BadInput("--train FILE", "a zip archive", 1, "is a zip archive, not a text file",
                    dir -> new String[]{"train", "--train", write(dir, "ml.zip", new byte[]{'P', 'K', 3, 4, 20, 0}).toString(),
                            "--test", write(dir, "test.csv", GOOD_RATINGS).toString()}),
            new BadInput("--train FILE", "no such file", 1, "no such file",
                    dir -> new String[]{"train", "--train", dir.resolve("nope.csv").toString(),
                            "--test", write(dir, "test.csv", GOOD_RATINGS).toString()}),
            new BadInput("--data DIR", "a folder that does not exist", 1, "no such folder",
                    dir -> new String[]{"info", "--data", dir.resolve("missing").toString()}),
            new BadInput("--data DIR", "a folder with no known layout", 1, "no MovieLens ratings here",
                    dir -> new String[]{"info", "--data", write(dir, "notes.txt", "hello").getParent().toString()}),
            new BadInput("--data DIR", "a file instead of a folder", 1, "is a file, not a folder",
                    dir -> new String[]{"info", "--data", write(dir, "ratings.csv", GOOD_RATINGS).toString()}),
            new BadInput("--data DIR", "the data set one folder down", 1, "did you mean",
                    dir -> {
                        write(dir.resolve("ml-latest-small"), "ratings.csv", GOOD_RATINGS);
                        return new String[]{"info", "--data", dir.toString()};
                    }),
            movies("a quote left open", 1, "movies.csv:3:2: a double quote opened in this field is not closed on its line",
                    "movieId,title,genres\n1,Alpha (1999),Drama\n2,\"Beta (2000),Comedy\n3,Gamma (2001),Drama\n"),
            movies("a comma in an unquoted title", 1, "a title with a comma must be in double quotes",
                    "movieId,title,genres\n1,Matrix, The (1999),Sci-Fi\n"),
            movies("an empty title", 1, "movies.csv:2:2: title is empty", "movieId,title,genres\n1,,Drama\n"),
            movies("a movie id twice", 1, "movies.csv:3:1: movie id 1 appears again (first on line 2)",
                    "movieId,title,genres\n1,Alpha (1999),Drama\n1,Beta (2000),Comedy\n"),
            movies("a text movie id", 1, "movie id 'x2' is not a whole number", "movieId,title,genres\nx2,Alpha (1999),Drama\n"),
            movies("a header naming the columns in another order", 1, "the header puts 'title' in column 1",
                    "title,movieId,genres\nAlpha (1999),1,Drama\n"),
            movies("a file cut off mid-line", 1, "was the file cut off?", "movieId,title,genres\n1,Alpha (1999),Drama\n2,Bet"),
            new BadInput("u.item", "a genre flag other than 0 or 1", 1, "genre flag '2' for Action is not 0 or 1",
                    dir -> {
                        write(dir, "u.data", "1\t1\t3\t881250949\n");
                        write(dir, "u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
                        return new String[]{"info", "--data", dir.toString()};
                    }),
            new BadInput("movies.dat", "a row with too few fields", 1, "movies.dat:1: found 2 fields separated by '::'; expected 3",
                    dir -> {
                        write(dir, "ratings.dat", "1::1::5::978300760\n");
                        write(dir, "movies.dat", "1::Toy Story (1995)\n");
                        return new String[]{"info", "--data", dir.toString()};
                    }),
            // Accepted on purpose: each loads, with a note where something was changed.
            ratingsBytes("a UTF-8 byte-order mark", 0, "3 ratings", ("\uFEFF" + GOOD_RATINGS).getBytes(StandardCharsets.UTF_8)),
            ratings("Windows line ends (CRLF)", 0, "3 ratings", GOOD_RATINGS.replace("\n", "\r\n")),
            ratings("no header", 0, "3 ratings", GOOD_RATINGS.substring(HEADER.length())),
            ratings("a (user, movie) pair rated twice", 0, "the last rating of each pair is kept", GOOD_RATINGS + "1,1,2.0,4\n"),
            new BadInput("ratings.csv", "a malformed row, with --skip-bad-rows", 0, "skipped 1 malformed row, first: ",
                    dir -> args(dir, GOOD_RATINGS + "3,z,4.0,1\n", GOOD_MOVIES, "--skip-bad-rows")),
            ratings("ratings on a 1–10 scale (20,000)", 0, "20,000 ratings", tenPoint(20_000)),
            new BadInput("movies.csv", "latin-1 lines among UTF-8 ones", 0, "not UTF-8 and read as ISO-8859-1",
                    dir -> {
                        write(dir, "ratings.csv", GOOD_RATINGS);
                        write(dir, "movies.csv", ("movieId,title,genres\n1,Amélie (2001),Comedy\n").getBytes(StandardCharsets.UTF_8));
                        java.nio.file.Files.write(dir.resolve("movies.csv"), "2,Misérables (1995),Drama\n"
                                .getBytes(StandardCharsets.ISO_8859_1), java.nio.file.StandardOpenOption.APPEND);
                        return new String[]{"info", "--data", dir.toString()};
                    }));

    static BadInput ratings(String what, int code, String expected, String text) {
        return new BadInput("ratings.csv", what, code, expected, dir -> args(dir, text, GOOD_MOVIES));
    }

    static BadInput ratingsBytes(String what, int code, String expected, byte[] bytes) {
        return new BadInput("ratings.csv", what, code, expected, dir -> {
            write(dir, "ratings.csv", bytes);
            write(dir, "movies.csv", GOOD_MOVIES);
            return new String[]{"info", "--data", dir.toString()};
        });
    }

    static BadInput movies(String what, int code, String expected, String text) {
        return new BadInput("movies.csv", what, code, expected, dir -> args(dir, GOOD_RATINGS, text));
    }

    static String[] args(Path dir, String ratings, String movies, String... more) throws IOException {
        write(dir, "ratings.csv", ratings);
        write(dir, "movies.csv", movies);
        return Stream.concat(Stream.of("info", "--data", dir.toString()), Stream.of(more)).toArray(String[]::new);
    }

    /** {@code rows} half-star ratings in ml-latest-small's proportions, {@code planted} at row {@code at}. */
    static String halfStars(int rows, int at, String planted) {
        String[] values = {"0.5", "1.0", "2.0", "3.0", "3.5", "4.0", "4.0", "4.5", "5.0", "3.0"};
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder s = new StringBuilder(HEADER);
        for (int r = 0; r < rows; r++) {
            s.append(r % 400 + 1).append(',').append(r / 400 + 1).append(',')
                    .append(r == at ? planted : values[rng.nextInt(values.length)]).append(',').append(r).append('\n');
        }
        return s.toString();
    }

    static String tenPoint(int rows) {
        StringBuilder s = new StringBuilder(HEADER);
        for (int r = 0; r < rows; r++) {
            s.append(r % 400 + 1).append(',').append(r / 400 + 1).append(',').append(r % 10 + 1).append(",1\n");
        }
        return s.toString();
    }

    static Stream<BadInput> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithOneLineAndTheRightExitCode(BadInput c) throws IOException {
        c.check(tmp.resolve("case"));
    }

    @AfterAll
    static void writeTable() {
        BadInput.writeTable(CASES);
    }
}
