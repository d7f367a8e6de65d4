package reco.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and foreign files: ids, headers, encodings, line ends, cut-off files, open quotes and the
 * memory check. Each asserts where the message points and what it says.
 */
class BadFilesTest {
    private static final LoadOptions STRICT = new LoadOptions(false, 2);

    @TempDir
    Path dir;

    private DataException ratingsFail(byte[] bytes) throws IOException {
        Path file = dir.resolve("ratings.csv");
        Files.write(file, bytes);
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(file, STRICT));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private DataException ratingsFail(String text) throws IOException {
        return ratingsFail(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertAt(DataException e, long line, int column, String text) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void negativeAndOverlongIdsAreMalformed() throws IOException {
        assertAt(ratingsFail("1,2,3.0,4\n-3,5,2.0,2\n"), 2, 1, "user id '-3' is negative");
        assertAt(ratingsFail("1,-2,3.0,4\n"), 1, 2, "movie id '-2' is negative");
        assertAt(ratingsFail("1,2,3.0,4\n1,12345678901234567890,3,4\n"), 2, 2, "is too large (more than 18 digits)");
        assertAt(ratingsFail("u1,m1,3.0,4\n"), 1, 1, "user id 'u1' is not a whole number");
    }

    @Test
    void aFileCutOffMidLineSaysSo() throws IOException {
        assertAt(ratingsFail("1,2,3.0,4\n1,3,4."), 2, 3, "was the file cut off?");
        assertAt(ratingsFail("1,2,3.0,4\n1,3"), 2, 3, "the row has 2 fields");
        assertTrue(ratingsFail("1,2,3.0,4\n1,3\n").getMessage().indexOf("cut off") < 0);
    }

    @Test
    void aHeaderMustAgreeWithTheRows() throws IOException {
        assertAt(ratingsFail("movieId,userId,rating,timestamp\n1,2,3.0,4\n"), 1, 1, "puts 'movieId' in column 1");
        assertAt(ratingsFail("userId,movieId,rating\n1,2,3.0,4\n"), 1, 0, "names 3 columns but the rows have 4");
        assertAt(ratingsFail("userId,movieId,tag,timestamp\n1,2,3,4\n"), 1, 3, "this is a tags file");
        // A header of unknown names is accepted; so is none.
        Path file = dir.resolve("ok.csv");
        Files.writeString(file, "a,b,c,d\n1,2,3.0,4\n");
        try (Dataset d = MovieLens.loadRatingsFile(file, STRICT)) {
            assertEquals(1, d.ratings().size());
        }
    }

    @Test
    void nonTextFilesAreRefusedWithWhatToDo() throws IOException {
        byte[] utf16 = "\uFEFF1,2,3.0,4\n".getBytes(StandardCharsets.UTF_16LE);
        assertTrue(ratingsFail(utf16).getMessage().contains("is UTF-16 text"));
        byte[] utf16NoBom = "1,2,3.0,4\n".getBytes(StandardCharsets.UTF_16LE);
        assertTrue(ratingsFail(utf16NoBom).getMessage().contains("NUL bytes"));
        assertTrue(ratingsFail(new byte[]{'P', 'K', 3, 4, 0, 0}).getMessage().contains("zip archive"));
        assertTrue(ratingsFail(new byte[]{0x1F, (byte) 0x8B, 8, 0}).getMessage().contains("gzip"));
        assertAt(ratingsFail("1,2,3.0,4\r2,3,4.0,5\r"), 1, 0, "bare carriage return");
    }

    @Test
    void theMemoryCheckFailsBeforeAllocatingAndSaysHowMuch() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < 30_000; r++) {
            s.append(r % 300 + 1).append(',').append(r / 300 + 1).append(",4.0,").append(r).append('\n');
        }
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, s);
        LoadOptions small = STRICT.withMemory(new MemoryBudget(256 * 1024));
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(file, small));
        // 30,000 rows × 40 bytes = 1.1 MiB at the peak.
        assertTrue(e.getMessage().contains("loading 30000 rating rows needs about 1.1 MiB of memory, but --max-memory allows 256 KiB"),
                e.getMessage());
        try (Dataset d = MovieLens.loadRatingsFile(file, STRICT.withMemory(new MemoryBudget(2 << 20)))) {
            assertEquals(30_000, d.ratings().size());
        }
    }

    @Test
    void memorySizesParseAndPrint() {
        assertEquals(2L << 30, MemoryBudget.parseBytes("2g"));
        assertEquals(512L << 20, MemoryBudget.parseBytes("512MB"));
        assertEquals(1536L << 20, MemoryBudget.parseBytes("1.5GiB"));
        assertEquals(1000, MemoryBudget.parseBytes("1000"));
        for (String bad : new String[]{"lots", "-1g", "0", "2x", ""}) {
            assertThrows(IllegalArgumentException.class, () -> MemoryBudget.parseBytes(bad), bad);
        }
        assertEquals("1.5 GiB", MemoryBudget.bytes(1536L << 20));
        assertEquals("100 B", MemoryBudget.bytes(100));
    }

    private Catalog movies(String text) throws IOException {
        Files.writeString(dir.resolve("movies.csv"), text);
        return Catalog.read(Layout.MOVIELENS_CSV, dir);
    }

    private DataException moviesFail(String text) {
        DataException e = assertThrows(DataException.class, () -> movies(text));
        assertEquals(dir.resolve("movies.csv"), e.file());
        return e;
    }

    @Test
    void aQuoteLeftOpenIsReportedOnItsLineInsteadOfSwallowingTheFile() throws IOException {
        String header = "movieId,title,genres\n";
        assertAt(moviesFail(header + "1,\"Toy Story (1995),Comedy\n2,Jumanji (1995),Adventure\n3,C,D\n"), 2, 2,
                "double quote opened in this field is not closed on its line");
        assertAt(moviesFail(header + "1,A,B\n2,\"Cut off mid-tit"), 3, 2, "not closed");
        Catalog ok = movies(header + "1,\"Say \"\"Hi\"\", The (1999)\",Comedy\n");
        assertEquals("Say \"Hi\", The (1999)", ok.titleOf(1));
    }

    @Test
    void malformedMovieRowsSayWhatIsWrong() {
        String header = "movieId,title,genres\n";
        assertAt(moviesFail(header + "1,Matrix, The (1999),Sci-Fi\n"), 2, 4, "a title with a comma must be in double quotes");
        assertAt(moviesFail(header + "1,,Drama\n"), 2, 2, "title is empty");
        assertAt(moviesFail(header + "-1,A (1999),Drama\n"), 2, 1, "movie id -1 is negative");
        assertAt(moviesFail(header + "99999999999999999999,A (1999),Drama\n"), 2, 1, "is too large");
        assertAt(moviesFail(header + "1,A (1999),Drama\n2,B (1999)"), 3, 0, "was the file cut off?");
        assertAt(moviesFail("title,movieId,genres\n1,A,B\n"), 1, 1, "puts 'title' in column 1");
        assertAt(moviesFail("userId,movieId,rating,timestamp\n1,2,3.0,4\n"), 1, 1, "this is not a movies file");
    }

    @Test
    void latin1LinesAmongUtf8AreDecodedEachAsItIsAndCounted() throws IOException {
        byte[] utf8 = "movieId,title,genres\n1,Amélie (2001),Comedy\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "2,Misérables (1995),Drama\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[utf8.length + latin1.length];
        System.arraycopy(utf8, 0, both, 0, utf8.length);
        System.arraycopy(latin1, 0, both, utf8.length, latin1.length);
        Files.write(dir.resolve("movies.csv"), both);
        Catalog c = Catalog.read(Layout.MOVIELENS_CSV, dir);
        assertEquals("Amélie (2001)", c.titleOf(1));
        assertEquals("Misérables (1995)", c.titleOf(2));
        assertEquals(1, c.latin1Lines());
        Files.writeString(dir.resolve("ratings.csv"), "1,1,4.0,1\n1,2,3.0,2\n");
        try (Dataset d = MovieLens.load(dir, STRICT)) {
            List<String> notes = d.report().notes();
            assertTrue(notes.stream().anyMatch(n -> n.contains("1 line of") && n.contains("ISO-8859-1")), notes.toString());
        }
    }
}
