package reco.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import reco.engine.data.Catalog;
import reco.engine.data.Dataset;
import reco.engine.model.AtomicFile;
import reco.engine.model.MfModel;
import reco.engine.recommend.BatchRecommender;
import reco.engine.recommend.Recommender;
import reco.engine.recommend.Scored;
import reco.engine.recommend.SeenItems;
import reco.kernels.ComputeDevice;

/**
 * {@code reco recommend --all-users}: the top N of every user of the model as CSV
 * ({@code user_id,rank,movie_id,score,title}, titles always quoted, RFC 4180), streamed block by block
 * from the device. A file is replaced atomically: a reader sees the old file or the complete new one.
 */
final class BatchOutput {
    static final String HEADER = "user_id,rank,movie_id,score,title";

    private BatchOutput() {
    }

    /** Writes to {@code file}, or to {@code stdout} when it is null; progress goes to {@code err}. */
    static void write(Path file, PrintWriter stdout, PrintWriter err, ComputeDevice device, MfModel model, Dataset data,
                      int n, int minRatings) {
        SeenItems seen = SeenItems.of(data.ratings(), data.users(), data.items(), model.userIds(), model.itemIds());
        Progress progress = new Progress(err, Progress.terminal(), "users");
        try (Recommender recommender = new Recommender(device, model)
                .skipRarelyRated(Popularity.perModelItem(data, model), minRatings)) {
            if (file == null) {
                rows(stdout, recommender, seen, model, data.catalog(), n, progress);
                stdout.flush();
            } else {
                AtomicFile.write(file, channel -> {
                    Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                            StandardCharsets.UTF_8), 1 << 16);
                    rows(w, recommender, seen, model, data.catalog(), n, progress);
                    w.flush(); // not close: AtomicFile forces and closes the channel itself
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
        err.printf("Wrote the top %d of %s users (%s rows) to %s in %s%n", n, Text.count(seen.users()),
                Text.count((long) seen.users() * Math.min(n, model.items())), file == null ? "standard output" : file,
                Text.seconds(progress.seconds()));
    }

    private static void rows(Writer out, Recommender recommender, SeenItems seen, MfModel model, Catalog catalog, int n,
                             Progress progress) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(128);
        BatchRecommender.forEveryUser(recommender, seen, n, (u, top) -> row(out, line, model, catalog, u, top),
                progress::done);
    }

    private static void row(Writer out, StringBuilder line, MfModel model, Catalog catalog, int u, List<Scored> top)
            throws IOException {
        long userId = model.userIds().idOf(u);
        int rank = 1;
        for (Scored s : top) {
            long movieId = model.itemIds().idOf(s.item());
            line.setLength(0);
            line.append(userId).append(',').append(rank++).append(',').append(movieId).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", s.score())).append(',');
            quote(line, catalog.titleOf(movieId));
            line.append('\n');
            out.append(line);
        }
    }

    /** RFC 4180: the field in double quotes, each quote inside doubled. */
    static void quote(StringBuilder line, String field) {
        line.append('"');
        for (int c = 0; c < field.length(); c++) {
            char ch = field.charAt(c);
            if (ch == '"') {
                line.append('"');
            }
            line.append(ch);
        }
        line.append('"');
    }
}
