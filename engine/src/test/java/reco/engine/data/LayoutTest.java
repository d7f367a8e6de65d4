package reco.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutTest {
    @TempDir
    Path dir;

    private Path folderWith(String name, String... files) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        for (String f : files) {
            Files.writeString(d.resolve(f), "");
        }
        return d;
    }

    @Test
    void detectsEachPublishedLayoutByItsRatingsFile() throws IOException {
        assertEquals(Layout.MOVIELENS_CSV, Layout.detect(folderWith("ml-25m", "ratings.csv", "movies.csv", "tags.csv")));
        assertEquals(Layout.MOVIELENS_DAT, Layout.detect(folderWith("ml-1m", "ratings.dat", "movies.dat", "users.dat")));
        assertEquals(Layout.MOVIELENS_100K, Layout.detect(folderWith("ml-100k", "u.data", "u.item", "u1.base")));
        Path csv = dir.resolve("ml-25m");
        assertEquals(csv.resolve("ratings.csv"), Layout.MOVIELENS_CSV.ratingsFile(csv));
        assertEquals(csv.resolve("u.item"), Layout.MOVIELENS_100K.moviesFile(csv));
    }

    @Test
    void aFolderWithoutRatingsListsWhatWasLookedFor() throws IOException {
        Path other = folderWith("other", "tags.csv", "links.csv");
        DataException e = assertThrows(DataException.class, () -> Layout.detect(other));
        assertEquals(other, e.file());
        assertEquals(0, e.line());
        for (String expected : new String[]{"ratings.csv", "movies.csv", "ratings.dat", "movies.dat", "u.data",
                "u.item", "ml-100k", "ml-1m", "ml-25m"}) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void suggestsASubfolderThatHoldsADataSet() throws IOException {
        Path extracted = folderWith("downloads");
        Files.createDirectories(extracted.resolve("ml-latest-small"));
        Files.writeString(extracted.resolve("ml-latest-small/ratings.csv"), "");
        DataException e = assertThrows(DataException.class, () -> Layout.detect(extracted));
        assertTrue(e.getMessage().contains("did you mean " + extracted.resolve("ml-latest-small")), e.getMessage());
    }

    @Test
    void aMissingFolderOrAFileIsAnError() throws IOException {
        DataException missing = assertThrows(DataException.class, () -> Layout.detect(dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("no such folder"), missing.getMessage());
        Path file = Files.writeString(dir.resolve("ratings.csv"), "1,1,1,1\n");
        DataException notDir = assertThrows(DataException.class, () -> Layout.detect(file));
        assertTrue(notDir.getMessage().contains("is a file, not a folder"), notDir.getMessage());
        DataException viaLoad = assertThrows(DataException.class,
                () -> MovieLens.load(dir.resolve("absent"), LoadOptions.defaults()));
        assertEquals(dir.resolve("absent"), viaLoad.file());
    }
}
