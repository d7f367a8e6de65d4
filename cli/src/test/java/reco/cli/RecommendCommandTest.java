package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code reco recommend} for a new user (fold-in) and for every user (CSV), and their usage errors. */
class RecommendCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aNewUserIsFoldedInFromTitlesAndGetsMoviesTheyDidNotRate() {
        Cli r = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--rate", "Toy Story (1995)=5",
                "--rate", "Heat=4", "-n", "10");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("A new user who rated 2 movies"), r.toString());
        assertTrue(r.out().contains("Heat (1995)"), "'Heat' is matched to Heat (1995):\n" + r);
        assertTrue(r.out().contains(" 10. "), r.toString());
        String list = r.out().substring(r.out().indexOf("Top 10 for them"));
        assertFalse(list.contains("Toy Story (1995)") || list.contains("Heat (1995)"), "rated movies are left out:\n" + list);
    }

    @Test
    void ratingByIdGivesTheSameListAsByTitle() {
        Cli byTitle = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--rate", "toy story (1995)=5");
        Cli byId = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--rate-id", "1=5");
        assertEquals(0, byId.code(), byId.toString());
        assertEquals(byTitle.out(), byId.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zzzz no such film=5", "Toy Story (1995)=9", "Toy Story (1995)=lots", "Toy Story (1995)"})
    void badRatingsAreUsageErrors(String spec) {
        Cli r = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--rate", spec);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--rate"), r.toString());
        CliUsageTest.assertNoStackTrace(r);
    }

    @Test
    void theSameMovieTwiceIsAUsageError() {
        Cli r = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--rate", "Toy Story (1995)=5", "--rate-id", "1=3");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("rated twice"), r.toString());
    }

    @Test
    void exactlyOneKindOfRequest() {
        assertEquals(2, Cli.run("recommend", "--model", QuickModel.dir().toString()).code());
        assertEquals(2, Cli.run("recommend", "--model", QuickModel.dir().toString(), "--user", "1", "--all-users").code());
        Cli r = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--user", "1", "--out", "x.csv");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--out goes with --all-users"), r.toString());
    }

    /** The embedded data has 610 users: 610 × 20 rows, ranks 1–20, scores descending, no movie the user rated. */
    @Test
    void allUsersWritesTwentyRowsForEachOfTheSixHundredTenUsers() throws IOException {
        Path csv = tmp.resolve("recs.csv");
        Cli r = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--all-users", "-n", "20", "--out", csv.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("users 610 / 610 (100 %)"), "progress on standard error:\n" + r);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(BatchOutput.HEADER, lines.getFirst());
        assertEquals(610 * 20, lines.size() - 1);
        Map<Long, List<String[]>> byUser = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = parse(line);
            assertEquals(5, f.length, line);
            byUser.computeIfAbsent(Long.parseLong(f[0]), u -> new ArrayList<>()).add(f);
        }
        assertEquals(610, byUser.size());
        Map<Long, Set<Long>> rated = ratedByUser();
        for (Map.Entry<Long, List<String[]>> e : byUser.entrySet()) {
            List<String[]> rows = e.getValue();
            for (int j = 0; j < rows.size(); j++) {
                assertEquals(j + 1, Integer.parseInt(rows.get(j)[1]));
                assertFalse(rated.get(e.getKey()).contains(Long.parseLong(rows.get(j)[2])), "user " + e.getKey() + " rated it");
                if (j > 0) {
                    assertTrue(Double.parseDouble(rows.get(j)[3]) <= Double.parseDouble(rows.get(j - 1)[3]));
                }
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(",\"Shawshank Redemption, The (1994)\"")
                || l.contains("\"\"")), "titles with commas or quotes are quoted");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(csv), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void allUsersWithoutOutGoesToStandardOutput() {
        Cli r = Cli.run("recommend", "--model", QuickModel.dir().toString(), "--all-users", "-n", "1");
        assertEquals(0, r.code(), r.toString());
        assertEquals(611, r.out().lines().count());
    }

    /** A minimal RFC 4180 line parser: quoted fields with doubled quotes. */
    static String[] parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }

    private static Map<Long, Set<Long>> ratedByUser() throws IOException {
        Path ratings = Path.of("..", "data", "ml-latest-small", "ratings.csv");
        Map<Long, Set<Long>> out = new HashMap<>();
        for (String line : Files.readAllLines(ratings).subList(1, Files.readAllLines(ratings).size())) {
            String[] f = line.split(",");
            out.computeIfAbsent(Long.parseLong(f[0]), u -> new HashSet<>()).add(Long.parseLong(f[1]));
        }
        return out;
    }
}
