package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static reco.cli.BadInput.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import reco.engine.data.Synthetic;
import reco.engine.model.CheckpointFiles;
import reco.engine.model.ModelFiles;

/**
 * Bad model folders, checkpoints, flags, user and movie ids and titles: exit code 2 for a usage mistake,
 * 1 for damaged files and data too large for the memory allowed, always one line and never a stack trace.
 * A tiny model (and its checkpoint) is trained once for the cases that need one. Also checks that
 * The README's bad-input section lists every case of this class and of {@link BadDataInputTest}.
 */
class BadUsageInputTest {
    @TempDir
    static Path shared;
    static Path data;
    static Path model;

    @TempDir
    Path tmp;

    /** 60 users × 40 movies, 1,500 ratings; a 4-factor model of it with a checkpoint after each of 3 epochs. */
    @BeforeAll
    static void trainOnce() {
        data = shared.resolve("data");
        model = shared.resolve("model");
        Synthetic.generate(data, 60, 40, 1500, 2, 7);
        Cli r = Cli.run("train", "--data", data.toString(), "--device", "java:1", "--factors", "4", "--epochs", "3",
                "--checkpoint-every", "1", "--out", model.toString());
        assertEquals(0, r.code(), r.toString());
    }

    static final List<BadInput> CASES = List.of(
            new BadInput("--model DIR", "no such folder", 1, "no model folder at",
                    dir -> new String[]{"recommend", "--model", dir.resolve("none").toString(), "--user", "1"}),
            damagedModel("a folder without manifest.json", "no manifest.json in", dir -> Files.delete(dir.resolve(ModelFiles.MANIFEST_FILE))),
            damagedModel("a model of another format version", "is model format version 2, but this reco reads format version 1",
                    dir -> replace(dir.resolve(ModelFiles.MANIFEST_FILE), "\"format_version\" : 1", "\"format_version\" : 2")),
            damagedModel("model.safetensors cut off", "truncated", dir -> truncate(dir.resolve(ModelFiles.MODEL_FILE))),
            damagedModel("a byte of model.safetensors changed", "checksum mismatch", dir -> flipLastByte(dir.resolve(ModelFiles.MODEL_FILE))),
            damagedModel("manifest.json that is not JSON", "is not valid JSON",
                    dir -> Files.writeString(dir.resolve(ModelFiles.MANIFEST_FILE), "{ \"format_version\": 1,")),
            new BadInput("--user ID", "a user the model does not know", 2, "user 999999 is not in the model",
                    dir -> new String[]{"recommend", "--model", model.toString(), "--user", "999999"}),
            new BadInput("--user ID", "not a number", 2, "Invalid value for option '--user'",
                    dir -> new String[]{"recommend", "--model", model.toString(), "--user", "alice"}),
            new BadInput("--movie-id ID", "a movie the model does not know", 2, "has no rating in the model's training data",
                    dir -> new String[]{"similar", "--model", model.toString(), "--movie-id", "999999"}),
            new BadInput("--movie TITLE", "a title nothing matches", 2, "no movie title matches 'zzzz no such film'",
                    dir -> new String[]{"similar", "--model", model.toString(), "--movie", "zzzz no such film"}),
            new BadInput("--movie TITLE", "an empty title", 2, "no movie title matches ''",
                    dir -> new String[]{"similar", "--model", model.toString(), "--movie", ""}),
            new BadInput("--movie, --movie-id", "both given", 2, "give the movie by --movie TITLE or --movie-id ID",
                    dir -> new String[]{"similar", "--model", model.toString(), "--movie", "a", "--movie-id", "1"}),
            new BadInput("-n", "zero", 2, "-n must be at least 1",
                    dir -> new String[]{"recommend", "--model", model.toString(), "--user", "1", "-n", "0"}),
            new BadInput("--data DIR (with --model)", "not the data the model was trained on", 2,
                    "is not the data this model was trained on", dir -> new String[]{"clusters", "--model", model.toString(),
                    "--data", write(dir, "ratings.csv", BadDataInputTest.GOOD_RATINGS).getParent().toString()}),
            new BadInput("any command", "an unknown flag", 2, "Unknown options: '--epochz'", dir -> new String[]{"train", "--epochz", "3"}),
            new BadInput("--factors", "not a number", 2, "Invalid value for option '--factors'", dir -> new String[]{"train", "--factors", "many"}),
            new BadInput("--factors", "zero", 2, "--factors must be between 1 and 4096", dir -> new String[]{"train", "--factors", "0"}),
            new BadInput("--lr", "negative", 2, "learning rate must be a positive number", dir -> new String[]{"train", "--lr", "-0.1"}),
            new BadInput("--lr", "NaN", 2, "learning rate must be a positive number", dir -> new String[]{"train", "--lr", "NaN"}),
            new BadInput("--epochs", "zero", 2, "--epochs must be at least 1", dir -> new String[]{"train", "--epochs", "0"}),
            new BadInput("--blocks", "negative", 2, "--blocks must be 0 (off) or from 1 to 1024", dir -> new String[]{"train", "--blocks", "-2"}),
            new BadInput("--blocks", "with a mini-batch", 2, "--blocks trains one rating at a time: use --batch 1 with it",
                    dir -> new String[]{"train", "--blocks", "8", "--batch", "64"}),
            new BadInput("--test-fraction", "1.5", 2, "--test-fraction must be at least 0 and below 1",
                    dir -> new String[]{"train", "--test-fraction", "1.5"}),
            new BadInput("--split", "an unknown kind", 2, "Invalid value for option '--split'", dir -> new String[]{"train", "--split", "sideways"}),
            new BadInput("--threads", "zero", 2, "--threads must be at least 1",
                    dir -> new String[]{"info", "--data", data.toString(), "--threads", "0"}),
            new BadInput("--device", "java with zero threads", 2, "java:THREADS wants a thread count from 1 to 4096",
                    dir -> new String[]{"train", "--data", data.toString(), "--device", "java:0"}),
            new BadInput("--device", "an unknown backend", 2, "unknown device 'quantum'",
                    dir -> new String[]{"train", "--data", data.toString(), "--device", "quantum"}),
            new BadInput("--train, --test", "one without the other", 2, "--train and --test go together",
                    dir -> new String[]{"train", "--train", "x.csv"}),
            new BadInput("--max-memory", "not a size", 2, "'lots' is not a memory size", dir -> new String[]{"info", "--max-memory", "lots"}),
            new BadInput("--max-memory", "too small to load the ratings", 1,
                    "loading 1500 rating rows needs about 59 KiB of memory, but --max-memory allows 1.0 KiB",
                    dir -> new String[]{"info", "--data", data.toString(), "--max-memory", "1k"}),
            new BadInput("--max-memory", "enough to load, too small to train", 1, "training 64 factors for 60 users and 40 movies",
                    dir -> new String[]{"train", "--data", data.toString(), "--device", "java:1", "--max-memory", "200k"}),
            new BadInput("--checkpoint-every", "zero", 2, "--checkpoint-every must be at least 1 epoch",
                    dir -> new String[]{"train", "--checkpoint-every", "0"}),
            new BadInput("--checkpoint-dir", "without --checkpoint-every", 2, "--checkpoint-dir needs --checkpoint-every",
                    dir -> new String[]{"train", "--checkpoint-dir", dir.toString()}),
            new BadInput("--resume DIR", "a folder with no checkpoint", 1, "no checkpoint.json in",
                    dir -> new String[]{"train", "--resume", Files.createDirectories(dir).toString()}),
            damagedCheckpoint("a damaged checkpoint", "checksum mismatch", dir -> flipLastByte(stateFile(dir))),
            damagedCheckpoint("a checkpoint of another format version", "is checkpoint format version 2",
                    dir -> replace(dir.resolve(CheckpointFiles.INDEX_FILE), "\"format_version\" : 1", "\"format_version\" : 2")),
            new BadInput("--resume DIR", "given with --factors", 2, "--factors cannot be given with --resume",
                    dir -> new String[]{"train", "--resume", model.resolve("checkpoint").toString(), "--factors", "8"}),
            new BadInput("--sizes", "not a number of ratings", 2, "'lots' is not a number of ratings: write it like 250k, 1M",
                    dir -> new String[]{"bench", "--sizes", "1M,lots"}),
            new BadInput("--sizes", "fewer than 1,000 ratings", 2, "500 ratings: give from 1,000 to 2,147,483,639",
                    dir -> new String[]{"bench", "--sizes", "500"}),
            new BadInput("--timed-epochs", "zero", 2, "--timed-epochs must be at least 1", dir -> new String[]{"bench", "--timed-epochs", "0"}),
            new BadInput("--target-rmse", "negative", 2, "--target-rmse must be a positive RMSE, or 0 to skip",
                    dir -> new String[]{"bench", "--target-rmse", "-1"}),
            new BadInput("--kmeans", "not POINTSxDIMSxCLUSTERS", 2, "--kmeans wants POINTSxDIMSxCLUSTERS",
                    dir -> new String[]{"bench", "--kmeans", "60000x64"}),
            new BadInput("--devices", "an unknown backend", 2, "unknown device 'quantum'",
                    dir -> new String[]{"bench", "--devices", "java,quantum"}),
            new BadInput("--plot FILE", "in a folder that does not exist", 2, "the folder",
                    dir -> new String[]{"bench", "--devices", "java", "--plot", dir.resolve("no/such/scale.png").toString()}),
            new BadInput("--lr", "so large that training diverges", 1, "training diverged at epoch 1 (validation RMSE NaN): try a smaller --lr than 1.0E9",
                    dir -> new String[]{"train", "--data", data.toString(), "--device", "java:1", "--optimizer", "sgd",
                            "--lr", "1e9", "--factors", "4", "--out", dir.resolve("m").toString()}));

    interface Damage {
        void apply(Path dir) throws IOException;
    }

    static BadInput damagedModel(String what, String expected, Damage damage) {
        return new BadInput("--model DIR", what, 1, expected, dir -> {
            Path copy = copyFiles(model, dir.resolve("model"));
            damage.apply(copy);
            return new String[]{"recommend", "--model", copy.toString(), "--user", "1"};
        });
    }

    static BadInput damagedCheckpoint(String what, String expected, Damage damage) {
        return new BadInput("--resume DIR", what, 1, expected, dir -> {
            Path copy = copyFiles(model.resolve("checkpoint"), dir.resolve("checkpoint"));
            damage.apply(copy);
            return new String[]{"train", "--resume", copy.toString()};
        });
    }

    static Path copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    static Path stateFile(Path checkpoint) throws IOException {
        try (Stream<Path> files = Files.list(checkpoint)) {
            return files.filter(f -> f.getFileName().toString().startsWith("state-")).findFirst().orElseThrow();
        }
    }

    static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), from + " in " + file);
        Files.writeString(file, text.replace(from, to));
    }

    static void truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
    }

    static void flipLastByte(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length - 1] ^= 0x40;
        Files.write(file, b);
    }

    static Stream<BadInput> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithOneLineAndTheRightExitCode(BadInput c) throws IOException {
        c.check(tmp.resolve("case"));
    }

    /** Every case of both classes is a row of the README's bad-input table, and the table has no others. */
    @Test
    void theDocumentedTableListsEveryCase() throws IOException {
        Path doc = Path.of("..", "README.md");
        Pattern row = Pattern.compile("^\\| ([^|]+) \\| ([^|]+) \\| .* \\| (\\d) \\|$");
        List<String> documented = new ArrayList<>();
        List<String> lines = Files.readAllLines(doc);
        int start = lines.indexOf("## Bad input");
        assertTrue(start >= 0, "README.md has a '## Bad input' section");
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        for (String line : lines.subList(start, end)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                documented.add(m.group(1).strip() + ": " + m.group(2).strip() + " → " + m.group(3));
            }
        }
        List<String> tested = Stream.concat(BadDataInputTest.CASES.stream(), CASES.stream())
                .map(c -> c + " → " + c.code()).toList();
        assertEquals(tested.stream().sorted().toList(), documented.stream().sorted().toList());
        long errors = tested.stream().filter(t -> !t.endsWith("→ 0")).count();
        assertTrue(errors >= 30, errors + " error cases");
    }

    @AfterAll
    static void writeTable() {
        BadInput.writeTable(CASES);
    }
}
