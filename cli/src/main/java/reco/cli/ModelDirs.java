package reco.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import reco.engine.model.Manifest;
import reco.engine.model.MfModel;
import reco.engine.model.ModelFiles;

/**
 * Where models go when {@code --out} is not given: {@code models/<data>-<yyyyMMdd-HHmmss>}, with
 * {@code models/latest} a symbolic link to the newest, which is what the other commands read by default.
 */
final class ModelDirs {
    static final Path ROOT = Path.of("models");
    static final Path LATEST = ROOT.resolve("latest");

    private ModelDirs() {
    }

    static Path save(Path out, Path dataFolder, MfModel model, Manifest manifest) {
        Path dir = out != null ? out
                : ROOT.resolve(dataFolder.getFileName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ModelFiles.save(dir, model, manifest);
        if (out == null) {
            pointLatestAt(dir);
        }
        return dir;
    }

    /** Replaces models/latest atomically: a new link under a temporary name, renamed over the old one. */
    private static void pointLatestAt(Path dir) {
        Path tmp = ROOT.resolve(".latest.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, dir.getFileName());
            Files.move(tmp, LATEST, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // The model is saved; only the shortcut is missing. Say so rather than fail the run.
            System.err.println("reco: note: could not point " + LATEST + " at " + dir + ": " + e.getMessage());
        }
    }

    /** The model folder to read: the one given, else models/latest. */
    static Path resolve(Path given) {
        Path dir = given != null ? given : LATEST;
        if (given == null && !Files.exists(LATEST)) {
            throw new UsageException("no model given and no " + LATEST + ": train one with 'reco train', or pass --model DIR");
        }
        return dir;
    }
}
