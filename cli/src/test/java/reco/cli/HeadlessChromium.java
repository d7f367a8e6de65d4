package reco.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Chromium headless on a local page, each time with a fresh profile that is deleted afterwards,
 * no network services, and its log on standard error so that console messages can be read back.
 */
final class HeadlessChromium {
    static final long TIMEOUT_SECONDS = 120;
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** What one run printed: {@code stdout} (the DOM for --dump-dom) and the log. */
    record Run(int exitCode, String stdout, String log) {
        /** The page's console messages (a script error shows as "Uncaught …"). */
        List<String> consoleMessages() {
            return log.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The first Chromium on the PATH, if any. */
    static Optional<HeadlessChromium> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** Loads the page once: its DOM on {@code stdout} and a {@code width} × {@code height} screenshot. */
    Run screenshotAndDom(Path page, Path png, int width, int height) {
        return run(page, "--dump-dom", "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
    }

    Run dumpDom(Path page) {
        return run(page, "--dump-dom");
    }

    private Run run(Path page, String... extra) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("reco-chromium-");
            Path out = profile.resolve("stdout.txt");
            Path log = profile.resolve("stderr.txt");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile.resolve("profile")));
            command.addAll(List.of(extra));
            command.add(page.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A profile file still held by an exiting helper process: left in the temporary folder.
        }
    }
}
