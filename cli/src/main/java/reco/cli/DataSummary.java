package reco.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import reco.engine.data.Dataset;
import reco.engine.data.DatasetStats;
import reco.engine.data.Movie;
import reco.engine.data.RatingTable;

/** Prints what the notebook printed about the data, plus the histogram and the most-rated movies. */
final class DataSummary {
    private DataSummary() {
    }

    static void loaded(PrintWriter out, Dataset d) {
        String files = d.layout().ratingsFile(d.folder()) == null ? d.layout().releases()
                : d.layout().ratingsFile(d.folder()).getFileName() + " + " + d.layout().moviesFile(d.folder()).getFileName();
        out.printf("Data: %s (%s), %s ratings, %s users, %s movies, loaded in %s%n", d.folder(),
                files, Text.count(d.ratings().size()), Text.count(d.users().size()),
                Text.count(d.items().size()), Text.seconds(d.report().seconds()));
        for (String note : d.report().notes()) {
            out.println("  note: " + note);
        }
    }

    /** The notebook's {@code head()} of both tables and its counts. */
    static void notebookView(PrintWriter out, Dataset d, DatasetStats s, int rows) {
        out.println();
        out.println("Movies (first " + rows + " rows):");
        out.printf("  %8s  %-42s %s%n", "movieId", "title", "genres");
        List<Movie> movies = d.catalog().movies();
        for (int r = 0; r < Math.min(rows, movies.size()); r++) {
            Movie m = movies.get(r);
            out.printf("  %8d  %-42s %s%n", m.id(), Text.cut(m.title(), 42), String.join("|", m.genres()));
        }
        out.println();
        out.println("Ratings (first " + rows + " rows):");
        out.printf("  %8s %8s %6s %12s%n", "userId", "movieId", "rating", "timestamp");
        RatingTable t = d.ratings();
        for (long r = 0; r < Math.min(rows, t.size()); r++) {
            out.printf("  %8d %8d %6.1f %12d%n", d.users().idOf(t.user(r)), d.items().idOf(t.item(r)), t.rating(r),
                    t.timestamp(r));
        }
        out.println();
        out.printf("Unique users:  %s%n", Text.count(s.users()));
        out.printf("Unique movies: %s%n", Text.count(s.movies()));
        out.printf("Full matrix:   %s × %s = %s cells%n", Text.count(s.users()), Text.count(s.movies()),
                Text.count(s.matrixCells()));
        out.printf("Filled:        %s (sparsity %s)%n", Text.percent(s.filledFraction(), 2), Text.percent(s.sparsity(), 2));
        out.printf("Per user:      %s min, %s median, %s max ratings%n", Text.count(s.minPerUser()),
                Text.fixed(s.medianPerUser(), 1), Text.count(s.maxPerUser()));
    }

    static void histogram(PrintWriter out, DatasetStats s) {
        out.println();
        out.println("Rating histogram:");
        long max = s.histogram().values().stream().mapToLong(Long::longValue).max().orElse(1);
        for (Map.Entry<Float, Long> e : s.histogram().entrySet()) {
            int bar = (int) Math.round(40.0 * e.getValue() / max);
            out.printf("  %4.1f %9s %s%n", e.getKey(), Text.count(e.getValue()), "█".repeat(bar));
        }
    }

    static void mostRated(PrintWriter out, DatasetStats s) {
        out.println();
        out.println("Most-rated movies:");
        for (DatasetStats.MovieCount m : s.mostRated()) {
            out.printf("  %6s ratings  mean %.2f  %s%n", Text.count(m.count()), m.meanRating(), m.title());
        }
    }
}
