package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages for help and for user mistakes: 2 for usage, 1 for bad data, never a stack trace. */
class CliUsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "recommend", "similar", "clusters", "info", "devices", "generate", "bench"})
    void everyCommandHasHelp(String command) {
        Cli r = Cli.run(command, "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Usage: reco " + command), r.toString());
    }

    @Test
    void noCommandPrintsUsage() {
        Cli r = Cli.run();
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("train"), r.toString());
    }

    @Test
    void versionNamesTheRuntime() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Java"), r.toString());
    }

    @Test
    void unknownFlagIsAUsageError() {
        Cli r = Cli.run("train", "--epochz", "3");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--epochz"), r.toString());
        assertTrue(r.err().contains("--help"), r.toString());
    }

    @Test
    void badNumberIsAUsageError() {
        Cli r = Cli.run("train", "--factors", "many");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("many"), r.toString());
    }

    @Test
    void outOfRangeHyperParameterIsAUsageErrorNamingTheFlag() {
        Cli r = Cli.run("train", "--factors", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--factors"), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void badDeviceSpecIsAUsageError() {
        Cli r = Cli.run("train", "--device", "java:0", "--epochs", "1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("java:THREADS"), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void missingDataFolderIsADataErrorNamingThePath(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-folder");
        Cli r = Cli.run("info", "--data", missing.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(missing.toString()), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void malformedRatingIsADataErrorNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,four,2\n");
        Files.writeString(tmp.resolve("movies.csv"), "movieId,title,genres\n1,A (1999),Drama\n2,B (2000),Comedy\n");
        Cli r = Cli.run("info", "--data", tmp.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("ratings.csv:3"), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void trainAndTestFilesGoTogether() {
        Cli r = Cli.run("train", "--train", "x.csv");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--test"), r.toString());
    }

    @Test
    void missingModelFolderIsADataError(@TempDir Path tmp) {
        Cli r = Cli.run("recommend", "--model", tmp.resolve("nothing").toString(), "--user", "1");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("reco train"), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void devicesListsTheJavaDeviceAndWhatAutoPicks() {
        Cli r = Cli.run("devices");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("java"), r.toString());
        assertTrue(r.out().contains("--device auto"), r.toString());
    }

    static void assertNoStackTrace(Cli r) {
        assertFalse(r.err().contains("\tat "), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }
}
