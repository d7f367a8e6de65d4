package reco.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import reco.engine.data.RatingTable;

/**
 * A short text that identifies the data a model was trained on, for {@link Manifest#dataFingerprint()}:
 * the source files' names and sizes, and the SHA-256 of the rating table's four columns. Two runs on the
 * same files with the same split give the same text. The columns are hashed as they lie in memory, in
 * the host's byte order (little-endian on every platform reco builds for).
 */
public final class DataFingerprint {

    private DataFingerprint() {
    }

    /** For example {@code "ratings.csv 2483723 B; 100836 ratings sha256 4f1c…"}. */
    public static String of(List<Path> sources, RatingTable ratings) {
        StringJoiner text = new StringJoiner("; ");
        for (Path source : sources) {
            try {
                text.add(source.getFileName() + " " + Files.size(source) + " B");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + source, e);
            }
        }
        text.add(ratings.size() + " ratings sha256 "
                + Sha256.hex(ratings.users(), ratings.items(), ratings.ratings(), ratings.timestamps()));
        return text.toString();
    }
}
