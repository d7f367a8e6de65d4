package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the bad-input table (the README's bad-input section): which input, what is wrong with it, the exit code
 * reco must give and a piece of the one-line message it must print. {@link #check} runs it through the
 * CLI and remembers the real message, which {@link #writeTable} prints as the table's rows.
 *
 * @param input    the input, as the table's first column says it ("ratings.csv", "--lr", "model folder")
 * @param what     what is wrong, unique for its input
 * @param code     1 for bad data, 2 for bad usage; 0 for an input accepted on purpose (with a note)
 * @param expected a piece of the message (of the note, for code 0)
 * @param setup    writes the files into a scratch folder and returns the command line
 */
record BadInput(String input, String what, int code, String expected, Setup setup) {
    /** Messages seen, by {@link #toString()}, for the table. */
    private static final Map<String, String> SEEN = new TreeMap<>();

    interface Setup {
        String[] args(Path dir) throws IOException;
    }

    @Override
    public String toString() {
        return input + ": " + what;
    }

    /** Runs the case in {@code dir}; checks exit code, message and that no stack trace was printed. */
    void check(Path dir) throws IOException {
        Cli r = Cli.run(setup.args(dir));
        assertEquals(code, r.code(), r.toString());
        String line = (code == 0 ? r.out() + r.err() : r.err()).lines()
                .filter(l -> l.contains(expected)).findFirst().orElse("");
        assertTrue(!line.isEmpty(), "'" + expected + "' in\n" + r);
        if (code != 0) {
            assertTrue(r.err().startsWith("reco: "), "the first line is reco's message:\n" + r);
            assertTrue(line.startsWith("reco: "), "the message is one line:\n" + r);
        }
        CliUsageTest.assertNoStackTrace(r);
        synchronized (SEEN) {
            SEEN.put(toString(), line.strip().replace(dir.toString() + "/", "").replace(dir.toString(), "."));
        }
    }

    /** Writes the rows seen so far, as markdown, to {@code target/bad-input-rows.md} (to paste into the docs). */
    static void writeTable(Iterable<BadInput> cases) {
        StringBuilder s = new StringBuilder("| Input | Case | What reco says | Exit |\n|---|---|---|---|\n");
        for (BadInput c : cases) {
            String message = SEEN.getOrDefault(c.toString(), "(not run)");
            message = message.length() > 230 ? message.substring(0, 229) + "…" : message;
            s.append("| ").append(c.input).append(" | ").append(c.what).append(" | `")
                    .append(message.replace("|", "\\|").replace("`", "'")).append("` | ").append(c.code).append(" |\n");
        }
        try {
            Path out = Path.of("target", "bad-input-rows.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, s.toString(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code dir/name} and returns the path. */
    static Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Writes {@code bytes} to {@code dir/name} and returns the path. */
    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), bytes);
    }
}
