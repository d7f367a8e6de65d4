package reco.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the three movie file formats, and the title search. */
class CatalogTest {
    @TempDir
    Path dir;

    private Catalog csv(String text) throws IOException {
        Files.writeString(dir.resolve("movies.csv"), text, StandardCharsets.UTF_8);
        return Catalog.read(Layout.MOVIELENS_CSV, dir);
    }

    @Test
    void readsMoviesCsvWithQuotedTitlesYearsAndGenres() throws IOException {
        Catalog c = csv("movieId,title,genres\n"
                + "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
                + "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                + "2571,\"Matrix, The (1999)\",Action|Sci-Fi|Thriller\n"
                + "140956,\"Ready Player One\",Action|Sci-Fi|Thriller\n"
                + "176601,Black Mirror,(no genres listed)\n"
                + "5,\"Say \"\"Cheese\"\" (2001) \",Comedy\n"
                + "6,Death Note: Desu nôto (2006–2007),Anime\n");
        assertEquals(7, c.size());
        Movie president = c.movie(11).orElseThrow();
        assertEquals("American President, The (1995)", president.title());
        assertEquals(1995, president.year());
        assertEquals(List.of("Comedy", "Drama", "Romance"), president.genres());
        assertEquals(0, c.movie(140956).orElseThrow().year());
        assertEquals(List.of(), c.movie(176601).orElseThrow().genres());
        assertEquals("Say \"Cheese\" (2001)", c.movie(5).orElseThrow().title());
        assertEquals(2001, c.movie(5).orElseThrow().year());
        assertEquals("Death Note: Desu nôto (2006–2007)", c.movie(6).orElseThrow().title());
        assertEquals(2006, c.movie(6).orElseThrow().year());
        assertEquals(1, c.movies().getFirst().id());
        assertEquals("movie 424242", c.titleOf(424242));
        assertEquals("Matrix, The (1999)", c.titleOf(2571));
    }

    @Test
    void readsMoviesDatInUtf8OrLatin1() throws IOException {
        String text = "1::Toy Story (1995)::Animation|Children's|Comedy\n"
                + "2::Cité des enfants perdus, La (1995)::Adventure|Sci-Fi\n"
                + "3::\"Great\" Movie (1990)::Drama\n";
        Files.write(dir.resolve("movies.dat"), text.getBytes(StandardCharsets.ISO_8859_1));
        Catalog ml1m = Catalog.read(Layout.MOVIELENS_DAT, dir);
        assertEquals("Cité des enfants perdus, La (1995)", ml1m.titleOf(2));
        assertEquals("\"Great\" Movie (1990)", ml1m.titleOf(3));
        assertEquals(List.of("Animation", "Children's", "Comedy"), ml1m.movie(1).orElseThrow().genres());
        Files.write(dir.resolve("movies.dat"), text.getBytes(StandardCharsets.UTF_8));
        Catalog ml10m = Catalog.read(Layout.MOVIELENS_DAT, dir);
        assertEquals("Cité des enfants perdus, La (1995)", ml10m.titleOf(2));
    }

    private static final String U_ITEM = "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
            + "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
            + "267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
            + "1300|'Til There Was You (1997)|30-May-1997||http://us.imdb.com/M/title-exact?%27Til%20There%20Was%20You%20(1997)"
            + "|0|0|0|0|0|0|0|0|1|0|0|0|0|0|1|0|0|0|0\n"
            + "1301|Ça \"commence\" aujourd'hui (1999)|01-Jan-1999||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n";

    @Test
    void readsUItemAsLatin1WithGenreFlags() throws IOException {
        Files.write(dir.resolve("u.item"), U_ITEM.getBytes(StandardCharsets.ISO_8859_1));
        Catalog c = Catalog.read(Layout.MOVIELENS_100K, dir);
        assertEquals(4, c.size());
        Movie toy = c.movie(1).orElseThrow();
        assertEquals("Toy Story (1995)", toy.title());
        assertEquals(1995, toy.year());
        assertEquals(List.of("Animation", "Children's", "Comedy"), toy.genres());
        assertEquals(List.of(), c.movie(267).orElseThrow().genres());
        assertEquals(List.of("Drama", "Romance"), c.movie(1300).orElseThrow().genres());
        assertEquals("Ça \"commence\" aujourd'hui (1999)", c.titleOf(1301));
    }

    @Test
    void namesUItemGenresFromUGenreWhenPresent() throws IOException {
        Files.write(dir.resolve("u.item"), U_ITEM.getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder genres = new StringBuilder();
        for (int g = 0; g < 19; g++) {
            genres.append(g == 0 ? "unknown" : "G" + g).append('|').append(g).append('\n');
        }
        Files.writeString(dir.resolve("u.genre"), genres.append('\n'));
        Catalog c = Catalog.read(Layout.MOVIELENS_100K, dir);
        assertEquals(List.of("G3", "G4", "G5"), c.movie(1).orElseThrow().genres());
    }

    @Test
    void malformedMovieRowsNameFileAndLine() throws IOException {
        Path file = dir.resolve("movies.csv");
        DataException e = assertThrows(DataException.class, () -> csv("movieId,title,genres\n1,A (1990),Drama\nx2,B,Drama\n"));
        assertEquals(file, e.file());
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("movie id 'x2' is not a whole number"), e.getMessage());
        DataException twice = assertThrows(DataException.class, () -> csv("movieId,title,genres\n1,A,Drama\n1,B,Drama\n"));
        assertEquals(3, twice.line());
        assertTrue(twice.getMessage().contains("movie id 1 appears again (first on line 2)"), twice.getMessage());
        DataException short1 = assertThrows(DataException.class, () -> csv("movieId,title,genres\n1,A\n"));
        assertEquals(2, short1.line());
    }

    @Test
    void anEmptyOrMissingMoviesFileGivesAnEmptyCatalogue() throws IOException {
        assertTrue(Catalog.read(Layout.MOVIELENS_CSV, dir).isEmpty());
        assertTrue(csv("movieId,title,genres\n").isEmpty());
        assertTrue(csv("").isEmpty());
    }

    @Test
    void searchRanksExactThenWithoutYearThenPrefixThenContains() throws IOException {
        Catalog c = csv("movieId,title,genres\n"
                + "1,\"Matrix Reloaded, The (2003)\",Action\n"
                + "2,\"Matrix, The (1999)\",Action\n"
                + "3,\"Matrix Revolutions, The (2003)\",Action\n"
                + "4,Making of 'The Matrix' (1999),Documentary\n"
                + "5,\"City of Lost Children, The (Cité des enfants perdus, La) (1995)\",Drama\n"
                + "6,\"Avventura, L' (1960)\",Drama\n"
                + "7,Toy Story (1995),Comedy\n");
        assertEquals(List.of(2L, 1L, 3L, 4L), ids(c.search("the matrix")));
        assertEquals(List.of(2L), ids(c.search("Matrix, The (1999)")));
        assertEquals(2L, c.search("THE MATRIX (1999)").getFirst().id());
        assertEquals(2L, c.search("  matrix,   the ").getFirst().id());
        assertEquals(List.of(1L), ids(c.search("matrix reloaded")));
        assertEquals(List.of(5L), ids(c.search("the city of lost children")));
        assertEquals(List.of(5L), ids(c.search("cité des enfants")));
        assertEquals(List.of(6L), ids(c.search("l'avventura")));
        assertEquals(List.of(7L), ids(c.search("toy")));
        assertEquals(List.of(), c.search("no such film"));
        assertEquals(List.of(), c.search("   "));
        assertEquals(2, c.search("matrix", 2).size());
    }

    private static List<Long> ids(List<Movie> movies) {
        return movies.stream().map(Movie::id).toList();
    }
}
