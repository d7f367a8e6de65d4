package reco.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole loads: each layout, and each policy written in {@link MovieLens}'s javadoc. */
class MovieLensTest {
    private static final LoadOptions OPTIONS = new LoadOptions(false, 2);

    @TempDir
    Path dir;

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void loadsTheCsvLayout() throws IOException {
        Path d = folder("ml-latest-small");
        Files.writeString(d.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,2571,5.0,1\n2,1,3.5,2\n");
        Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n"
                + "2571,\"Matrix, The (1999)\",Action|Sci-Fi\n");
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertEquals(Layout.MOVIELENS_CSV, data.layout());
            assertEquals(d, data.folder());
            assertEquals(2, data.ratings().size());
            assertEquals(2571, data.items().idOf(data.ratings().item(0)));
            assertEquals("Matrix, The (1999)", data.catalog().titleOf(2571));
            assertEquals(List.of(), data.report().notes());
            assertEquals(d.resolve("movies.csv"), data.report().moviesFile());
        }
    }

    @Test
    void loadsTheDatLayoutInLatin1() throws IOException {
        Path d = folder("ml-1m");
        Files.writeString(d.resolve("ratings.dat"), "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        Files.write(d.resolve("movies.dat"), ("661::James and the Giant Peach (1996)::Animation|Children's|Musical\n"
                + "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n"
                + "3::Misérables, Les (1995)::Drama\n").getBytes(StandardCharsets.ISO_8859_1));
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertEquals(Layout.MOVIELENS_DAT, data.layout());
            assertEquals(3, data.ratings().size());
            assertEquals(2, data.users().size());
            assertEquals(5.0f, data.ratings().rating(0));
            assertEquals(978298413L, data.ratings().timestamp(2));
            assertEquals("Misérables, Les (1995)", data.catalog().titleOf(3));
            assertEquals(3, data.catalog().search("les misérables").getFirst().id());
        }
    }

    @Test
    void loadsThe100kLayout() throws IOException {
        Path d = folder("ml-100k");
        Files.writeString(d.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t4\t881251000\n");
        Files.write(d.resolve("u.item"), ("242|Kolya (1996)|24-Jan-1997||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "302|L.A. Confidential (1997)|01-Jan-1997||http://x|0|0|0|0|0|0|1|0|0|0|1|0|0|1|0|0|1|0|0\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertEquals(Layout.MOVIELENS_100K, data.layout());
            assertEquals(3, data.ratings().size());
            assertEquals(List.of("Crime", "Film-Noir", "Mystery", "Thriller"),
                    data.catalog().movie(302).orElseThrow().genres());
            assertEquals(1997, data.catalog().movie(302).orElseThrow().year());
        }
    }

    @Test
    void ratingsOfMoviesTheCatalogueLacksAreKeptAndCounted() throws IOException {
        Path d = folder("unknown");
        Files.writeString(d.resolve("ratings.csv"), "1,1,4.0,1\n1,99,3.0,2\n2,99,2.0,3\n2,98,1.0,4\n");
        Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n1,Known (2000),Drama\n");
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertEquals(4, data.ratings().size());
            assertEquals(3, data.report().unknownMovieRatings());
            assertEquals(2, data.report().unknownMovies());
            assertEquals("movie 99", data.catalog().titleOf(99));
            assertTrue(data.report().notes().getFirst().startsWith("3 ratings of 2 movies missing from"),
                    data.report().notes().toString());
        }
    }

    @Test
    void aRepeatedUserMoviePairKeepsItsLastRating() throws IOException {
        Path d = folder("dups");
        // User 1 rates movie 5 three times, user 2 twice; the file is not sorted by user.
        Files.writeString(d.resolve("ratings.csv"), "1,5,1.0,10\n2,5,2.0,11\n1,6,3.0,12\n1,5,4.0,13\n"
                + "2,5,2.5,14\n1,5,4.5,15\n3,5,5.0,16\n");
        Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n5,Five (2000),Drama\n6,Six (2001),Drama\n");
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertEquals(7, data.report().rowsRead());
            assertEquals(3, data.report().duplicatesRemoved());
            assertEquals(4, data.report().ratingsKept());
            RatingTable t = data.ratings();
            assertEquals(4, t.size());
            // Survivors in file order: 1,6 (ts 12), 2,5 (ts 14), 1,5 (ts 15), 3,5 (ts 16).
            assertEquals(List.of(12L, 14L, 15L, 16L), List.of(t.timestamp(0), t.timestamp(1), t.timestamp(2), t.timestamp(3)));
            assertEquals(4.5f, t.rating(2));
            assertTrue(data.report().notes().getFirst().contains("removed 3 earlier ratings"));
        }
    }

    @Test
    void anEmptyRatingsFileIsAnError() throws IOException {
        Path d = folder("empty");
        Files.writeString(d.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n");
        DataException e = assertThrows(DataException.class, () -> MovieLens.load(d, OPTIONS));
        assertEquals(d.resolve("ratings.csv"), e.file());
        assertTrue(e.getMessage().contains("no ratings"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingMoviesFileIsAllowedAndReported() throws IOException {
        Path d = folder("nomovies");
        Files.writeString(d.resolve("ratings.csv"), "1,1,4.0,1\n");
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertTrue(data.catalog().isEmpty());
            assertNull(data.report().moviesFile());
            assertEquals(List.of("no movies file: movies are shown as 'movie <id>'"), data.report().notes());
        }
        Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n");
        try (Dataset data = MovieLens.load(d, OPTIONS)) {
            assertTrue(data.catalog().isEmpty());
            assertTrue(data.report().notes().getFirst().endsWith("movies.csv has no movies: movies are shown as 'movie <id>'"));
            assertEquals(1, data.report().unknownMovieRatings());
        }
    }

    @Test
    void trainAndTestFilesShareOneIdIndex() throws IOException {
        Path train = Files.writeString(dir.resolve("u1.base"), "1\t10\t4\t100\n2\t20\t3\t101\n2\t10\t5\t102\n");
        Path test = Files.writeString(dir.resolve("u1.test"), "1\t20\t2\t103\n3\t30\t1\t104\n");
        Path movies = folder("movies");
        Files.writeString(movies.resolve("movies.csv"), "movieId,title,genres\n10,Ten (2000),Drama\n");
        try (SplitDataset split = MovieLens.loadSplitFiles(train, test, movies, OPTIONS)) {
            Dataset tr = split.train();
            assertEquals(3, tr.users().size());   // users 1, 2, 3: user 3 is only in the test file
            assertEquals(3, tr.items().size());
            assertEquals(3, tr.ratings().size());
            assertEquals(2, split.test().size());
            assertEquals(0, split.test().user(0));
            assertEquals(tr.items().indexOf(20), split.test().item(0));
            assertEquals(tr.users().indexOf(3), split.test().user(1));
            assertEquals(tr.items().indexOf(30), split.test().item(1));
            assertEquals("Ten (2000)", tr.catalog().titleOf(10));
            assertEquals(test, split.testReport().ratingsFile());
            assertEquals(2, split.testReport().unknownMovieRatings(), "movies 20 and 30 are not in the catalogue");
        }
        try (SplitDataset split = MovieLens.loadSplitFiles(train, test, null, OPTIONS)) {
            assertTrue(split.train().catalog().isEmpty());
        }
        Path noMovies = folder("no-movies");
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadSplitFiles(train, test, noMovies, OPTIONS));
        assertTrue(e.getMessage().contains("looked for movies.csv, movies.dat, u.item"), e.getMessage());
    }

    @Test
    void aBadTestFileFailsWithoutLeakingTheTrainingTable() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "1,10,4,100\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "1,10,4,100\n1,x,4,100\n");
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadSplitFiles(train, test, null, OPTIONS));
        assertEquals(test, e.file());
        assertEquals(2, e.line());
    }

    @Test
    void theEmbeddedMovieLensSmallLoadsWithItsPublishedCounts() {
        try (Dataset data = MovieLens.load(EmbeddedData.mlLatestSmall(), LoadOptions.defaults())) {
            assertEquals(100_836, data.ratings().size());
            assertEquals(610, data.users().size());
            assertEquals(9_724, data.items().size());
            assertEquals(9_742, data.catalog().size());
            assertEquals(0, data.report().duplicatesRemoved());
            assertEquals(0, data.report().unknownMovieRatings());
            assertEquals("Toy Story (1995)", data.catalog().titleOf(1));
            assertEquals(2571, data.catalog().search("the matrix").getFirst().id());
            // The first row of ratings.csv is 1,1,4.0,964982703.
            assertEquals(1, data.users().idOf(data.ratings().user(0)));
            assertEquals(1, data.items().idOf(data.ratings().item(0)));
            assertEquals(4.0f, data.ratings().rating(0));
            assertEquals(964_982_703L, data.ratings().timestamp(0));
        }
    }
}
