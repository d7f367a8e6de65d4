package reco.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ratings file parser through {@link MovieLens#loadRatingsFile}: formats, values, errors, line numbers. */
class RatingsParserTest {
    private static final LoadOptions STRICT = new LoadOptions(false, 2);
    private static final LoadOptions SKIP = new LoadOptions(true, 2);

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Row r of the table as "userId,movieId,rating,timestamp" with the external ids. */
    private static String row(Dataset d, long r) {
        RatingTable t = d.ratings();
        return d.users().idOf(t.user(r)) + "," + d.items().idOf(t.item(r)) + "," + t.rating(r) + "," + t.timestamp(r);
    }

    @Test
    void readsCsvWithHeaderInFileOrder() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n"
                + "10,300,4.0,964982703\n1,31,2.5,1260759144\n10,7,3,964981247\n");
        try (Dataset d = MovieLens.loadRatingsFile(file, STRICT)) {
            assertEquals(3, d.ratings().size());
            assertEquals("10,300,4.0,964982703", row(d, 0));
            assertEquals("1,31,2.5,1260759144", row(d, 1));
            assertEquals("10,7,3.0,964981247", row(d, 2));
            // Dense indices are the ranks of the ids: users 1 < 10, movies 7 < 31 < 300.
            assertEquals(1, d.ratings().user(0));
            assertEquals(0, d.ratings().user(1));
            assertEquals(2, d.ratings().item(0));
            assertEquals(0, d.ratings().item(2));
            assertEquals(Layout.RATINGS_FILE, d.layout());
            assertEquals(3, d.report().rowsRead());
        }
    }

    @Test
    void readsDoubleColonAndTabFilesWithoutHeader() throws IOException {
        Path dat = write("ratings.dat", "1::1193::5::978300760\n2::661::3::978302109\n");
        try (Dataset d = MovieLens.loadRatingsFile(dat, STRICT)) {
            assertEquals("1,1193,5.0,978300760", row(d, 0));
            assertEquals("2,661,3.0,978302109", row(d, 1));
        }
        Path base = write("u1.base", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n");
        try (Dataset d = MovieLens.loadRatingsFile(base, STRICT)) {
            assertEquals(3, d.ratings().size());
            assertEquals("22,377,1.0,878887116", row(d, 2));
        }
    }

    @Test
    void acceptsCrlfMissingFinalNewlineBlankLinesAndThreeColumns() throws IOException {
        Path crlf = write("crlf.csv", "userId,movieId,rating,timestamp\r\n1,2,3.5,100\r\n\r\n2,3,0.5,200\r\n");
        try (Dataset d = MovieLens.loadRatingsFile(crlf, STRICT)) {
            assertEquals(2, d.ratings().size());
            assertEquals("2,3,0.5,200", row(d, 1));
        }
        Path open = write("open.csv", "1,2,4.5,100\n2,3,1,200");
        try (Dataset d = MovieLens.loadRatingsFile(open, STRICT)) {
            assertEquals("2,3,1.0,200", row(d, 1));
        }
        Path bom = write("bom.csv", "\uFEFF7,8,2.0,9\n");
        try (Dataset d = MovieLens.loadRatingsFile(bom, STRICT)) {
            assertEquals("7,8,2.0,9", row(d, 0));
        }
        Path three = write("three.csv", "user,item,rating\n5,6,4\n7,8,.5\n");
        try (Dataset d = MovieLens.loadRatingsFile(three, STRICT)) {
            assertEquals("5,6,4.0,0", row(d, 0));
            assertEquals("7,8,0.5,0", row(d, 1));
        }
    }

    @Test
    void keepsIdsBeyond32Bits() throws IOException {
        Path file = write("wide.csv", "1,5,3.0,1\n3,5,2.0,2\n8000000000,99999999999,5.0,3\n");
        try (Dataset d = MovieLens.loadRatingsFile(file, STRICT)) {
            assertEquals("1,5,3.0,1", row(d, 0));
            assertEquals("3,5,2.0,2", row(d, 1));
            assertEquals("8000000000,99999999999,5.0,3", row(d, 2));
            assertEquals(2, d.users().indexOf(8_000_000_000L));
        }
    }

    @Test
    void arrayAndHashIdMappingsGiveTheSameRanks() throws IOException {
        String rows = "30,7,1,1\n10,9,2,2\n20,7,3,3\n";
        // Ids within IdMapping.DENSE_SPAN are mapped through an array; one far id forces the hash path.
        Path narrow = write("narrow.csv", rows);
        Path wide = write("wide.csv", rows + (IdMapping.DENSE_SPAN * 4) + ",8,4,4\n");
        try (Dataset a = MovieLens.loadRatingsFile(narrow, STRICT); Dataset b = MovieLens.loadRatingsFile(wide, STRICT)) {
            for (long r = 0; r < 3; r++) {
                assertEquals(a.ratings().user(r), b.ratings().user(r));
            }
            assertEquals(2, a.ratings().user(0));
            assertEquals(3, b.ratings().user(3));
            assertEquals(1, b.ratings().item(3));   // movie 8 ranks between 7 and 9
        }
    }

    @Test
    void eachMalformedRowIsReportedWithFileLineAndColumn() throws IOException {
        String header = "userId,movieId,rating,timestamp\n1,1,4.0,10\n";
        assertProblem(header + "2,x7,4.0,10\n", 3, 2, "movie id 'x7' is not a whole number");
        assertProblem(header + "2,7,NaN,10\n", 3, 3, "rating 'NaN' is not a finite decimal number");
        assertProblem(header + "2,7,Infinity,10\n", 3, 3, "rating 'Infinity'");
        assertProblem(header + "2,7,4.0\n", 3, 4, "the row has 3 fields; expected 4");
        assertProblem(header + "2,7,4.0,10,99\n", 3, 5, "more than 4 fields");
        assertProblem(header + ",7,4.0,10\n", 3, 1, "user id is empty");
        assertProblem(header + "2,7,,10\n", 3, 3, "rating is empty");
        assertProblem(header + "2,7,4.0,1x\n", 3, 4, "timestamp '1x' is not a whole number");
        assertProblem(header + "\n\n2,7,4e1,10\n", 5, 3, "rating '4e1'");
    }

    private void assertProblem(String text, long line, int column, String message) throws IOException {
        Path file = write("bad.csv", text);
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(file, STRICT));
        assertEquals(file, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":" + line + ":" + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-bad-rows"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void lineNumbersAreExactDeepInAManyChunkFile() throws IOException {
        int badRow = 187_432;
        long badLine = 0;
        long line = 1;   // the header
        StringBuilder s = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int r = 0; r < 200_000; r++) {
            line++;
            s.append(r % 1000 + 1).append(',').append(r % 777 + 1).append(',')
                    .append(r == badRow ? "four" : "4.5").append(',').append(1_000_000 + r).append('\n');
            badLine = r == badRow ? line : badLine;
            if (r % 50_000 == 7) {
                s.append("\r\n");  // blank lines count as lines too
                line++;
            }
        }
        Path file = write("many.csv", s.toString());
        RatingsParser tinyChunks = new RatingsParser(2, false, 4096);   // ~900 chunks
        DataException e = assertThrows(DataException.class, () -> tinyChunks.parse(file));
        assertEquals(badLine, e.line(), e.getMessage());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("rating 'four'"), e.getMessage());
    }

    @Test
    void skippingBadRowsCountsThemAndKeepsTheFirstFewInFileOrder() throws IOException {
        StringBuilder s = new StringBuilder();
        int bad = 0;
        for (int r = 0; r < 20_000; r++) {
            if (r % 997 == 5) {
                s.append(r).append(",oops,4.0,1\n");
                bad++;
            } else {
                s.append(r % 300).append(',').append(r % 50).append(",3.5,").append(r).append('\n');
            }
        }
        Path file = write("some-bad.csv", s.toString());
        RawRatings raw = new RatingsParser(2, true, 2048).parse(file);
        try (RatingTable t = raw.table()) {
            assertEquals(bad, raw.badRows());
            assertEquals(20_000 - bad, raw.rows());
            assertEquals(RawChunk.KEPT_PROBLEMS, raw.firstBadRows().size());
            for (int k = 0; k < RawChunk.KEPT_PROBLEMS; k++) {
                RowProblem p = raw.firstBadRows().get(k);
                assertEquals(1 + 5 + 997L * k, p.line());   // row r is on line r + 1
                assertEquals(2, p.column());
            }
            // Rows after the gaps are moved down in order: the last row is the file's last good row.
            assertEquals(19_999, t.timestamp(t.size() - 1));
        }
    }

    @Test
    void skippedRowsAreReportedByTheLoad() throws IOException {
        Path file = write("ratings.csv", "1,1,4.0,1\n1,2,x,2\n2,1,3.0,3\n");
        try (Dataset d = MovieLens.loadRatingsFile(file, SKIP)) {
            assertEquals(2, d.ratings().size());
            assertEquals(1, d.report().badRowsSkipped());
            assertEquals(2, d.report().firstBadRows().getFirst().line());
            assertTrue(d.report().notes().getFirst().contains("skipped 1 malformed row"), d.report().notes().toString());
        }
    }

    @Test
    void noRatingsIsAnError() throws IOException {
        for (String text : new String[]{"", "userId,movieId,rating,timestamp\n", "\n\n"}) {
            Path file = write("empty.csv", text);
            DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(file, STRICT));
            assertTrue(e.getMessage().contains("no ratings"), e.getMessage());
        }
        Path allBad = write("bad.csv", "1,x,3,4\n");
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(allBad, SKIP));
        assertTrue(e.getMessage().contains("no ratings: all 1 rows are malformed"), e.getMessage());
    }

    @Test
    void aFileThatIsNotRatingsIsRejectedAtItsFirstRow() throws IOException {
        Path movies = write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(movies, STRICT));
        assertEquals(1, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("header names a column 'title': this is a movies file"), e.getMessage());
        Path headerless = write("movies2.csv", "1,Toy Story (1995),Comedy\n");
        e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(headerless, STRICT));
        assertEquals(1, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("movie id 'Toy Story (1995)' is not a whole number"), e.getMessage());
        Path tags = write("tags.csv", "userId,movieId,tag,timestamp,extra\n2,60756,funny,1445714994,x\n");
        e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(tags, STRICT));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("found 5 fields"), e.getMessage());
        Path words = write("words.txt", "1 2 3 4\n");
        e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(words, STRICT));
        assertTrue(e.getMessage().contains("cannot tell the field separator"), e.getMessage());
        Path missing = dir.resolve("nope.csv");
        e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(missing, STRICT));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void resultDoesNotDependOnChunkingOrThreads() throws IOException {
        StringBuilder s = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int r = 0; r < 5000; r++) {
            s.append(r * 7919 % 1013).append(',').append(r * 104729 % 2003).append(',')
                    .append((r % 10 + 1) / 2.0).append(',').append(r).append('\n');
        }
        Path file = write("ratings.csv", s.toString());
        RawRatings one = new RatingsParser(1, false, 0).parse(file);
        RawRatings many = new RatingsParser(3, false, 333).parse(file);
        try (RatingTable a = one.table(); RatingTable b = many.table()) {
            assertEquals(5000, a.size());
            assertEquals(a.size(), b.size());
            for (long r = 0; r < a.size(); r++) {
                assertEquals(a.user(r), b.user(r));
                assertEquals(a.item(r), b.item(r));
                assertEquals(a.rating(r), b.rating(r));
                assertEquals(a.timestamp(r), b.timestamp(r));
            }
            assertEquals(r4(4999), b.user(4999));
        }
    }

    @Test
    void idsAndTimestampsOfEveryLengthReadExactly() throws IOException {
        // Every digit count from 1 to 18 in each integer field, in a file long enough that most rows are
        // read eight bytes at a time and the last ones near the window's end byte by byte.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        StringBuilder s = new StringBuilder();
        long[][] rows = new long[3000][3];
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < 3; f++) {
                int digits = 1 + (r + 7 * f) % 18;
                long lo = digits == 1 ? 0 : (long) Math.pow(10, digits - 1);
                rows[r][f] = lo + rng.nextLong((long) Math.pow(10, digits) - lo);
            }
            s.append(rows[r][0]).append(',').append(rows[r][1]).append(",3.5,").append(rows[r][2]).append('\n');
        }
        Path file = write("ratings.csv", s.toString());
        try (Dataset d = MovieLens.loadRatingsFile(file, STRICT)) {
            for (int r = 0; r < rows.length; r++) {
                assertEquals(rows[r][0] + "," + rows[r][1] + ",3.5," + rows[r][2], row(d, r));
            }
        }
    }

    @Test
    void aLargeThreeFieldFileHasZeroTimestamps() throws IOException {
        // 600,000 rows: every column is over the 2 MiB from which the parser's table is not zero-filled
        // (RatingTable.allocateUnfilled), so each timestamp read here was written as 0 by the parser. The
        // same file with timestamps is loaded and freed first, so that the C library has memory full of
        // them to hand out again.
        int n = 600_000;
        StringBuilder three = new StringBuilder(n * 12);
        StringBuilder four = new StringBuilder(n * 20);
        for (int r = 0; r < n; r++) {
            String fields = (r / 50 + 1) + "," + (r % 997 + 1) + "," + (r % 5 + 1);
            three.append(fields).append('\n');
            four.append(fields).append(",1234567890\n");
        }
        Path withTimes = write("four.csv", four.toString());
        for (int i = 0; i < 3; i++) {
            MovieLens.loadRatingsFile(withTimes, STRICT).close();
        }
        Path file = write("three.csv", three.toString());
        try (Dataset d = MovieLens.loadRatingsFile(file, STRICT)) {
            assertEquals(n, d.ratings().size());
            for (long r = 0; r < n; r++) {
                assertEquals(0, d.ratings().timestamp(r));
            }
            assertEquals((n - 1) % 5 + 1, d.ratings().rating(n - 1));
            assertEquals(d.users().indexOf((n - 1) / 50 + 1), d.ratings().user(n - 1));
        }
    }

    private static int r4(int r) {
        return r * 7919 % 1013;
    }
}
