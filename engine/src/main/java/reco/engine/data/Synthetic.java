package reco.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MovieLens-shaped data with a planted low-rank structure (described in {@link SyntheticModel}), for
 * tests that must recover it and for load benchmarks at full MovieLens size.
 *
 * <p>Files: {@code ratings.csv} ({@code userId,movieId,rating,timestamp}, rows grouped by user, movies
 * ascending within a user, as published) and {@code movies.csv}. User u (0-based) has id u + 1; item i
 * has movie id {@code i + 1 + i / 4}, so ids have gaps like the real ones. Every seventh title has a comma
 * and is quoted ({@code "Movie 7, The (1987)"}) and some movies have no genres, as in MovieLens.
 */
public final class Synthetic {
    private static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");
    private static final byte[] RATINGS_HEADER = "userId,movieId,rating,timestamp\n".getBytes(StandardCharsets.US_ASCII);

    private Synthetic() {
    }

    /** The movie id of generated item {@code item}. */
    public static long movieId(int item) {
        return item + 1L + item / 4;
    }

    /**
     * Writes {@code dir/ratings.csv} and {@code dir/movies.csv} ({@code dir} is created). Blocks of users
     * are generated in parallel and written in order, so the files depend on the seed only.
     */
    public static void generate(Path dir, int users, int items, long ratings, int rank, long seed) {
        SyntheticModel model = new SyntheticModel(users, items, ratings, rank, seed);
        try {
            Files.createDirectories(dir);
            writeRatings(dir.resolve("ratings.csv"), model);
            writeMovies(dir.resolve("movies.csv"), items, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic data to " + dir, e);
        }
    }

    /**
     * The same ratings as {@link #generate} writes, in memory: user index u, item index i (not ids),
     * rows in the same order. Items nobody rated keep their index, so the item count is {@code items}.
     */
    public static RatingTable table(int users, int items, long ratings, int rank, long seed) {
        SyntheticModel model = new SyntheticModel(users, items, ratings, rank, seed);
        RatingTable table = RatingTable.allocate(ratings);
        Parallel.run(model.blocks(), Runtime.getRuntime().availableProcessors(),
                block -> model.generate(block, table::set));
        return table;
    }

    private static void writeRatings(Path file, SyntheticModel model) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            writeFully(out, RATINGS_HEADER, RATINGS_HEADER.length);
            ArrayDeque<Future<AsciiBuffer>> pending = new ArrayDeque<>();
            int next = 0;
            while (next < model.blocks() || !pending.isEmpty()) {
                while (next < model.blocks() && pending.size() < 2 * threads) {
                    int block = next++;
                    pending.add(pool.submit(() -> render(model, block)));
                }
                AsciiBuffer done = await(pending.poll());
                writeFully(out, done.bytes(), done.length());
            }
        }
    }

    private static AsciiBuffer render(SyntheticModel model, int block) {
        AsciiBuffer text = new AsciiBuffer((int) Math.min(1 << 30, model.rowsInBlock(block) * 28));
        model.generate(block, (row, user, item, rating, timestamp) -> text
                .put(user + 1L).put((byte) ',')
                .put(movieId(item)).put((byte) ',')
                .putHalves((int) (rating * 2)).put((byte) ',')
                .put(timestamp).put((byte) '\n'));
        return text;
    }

    private static void writeMovies(Path file, int items, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x6d6f76696573L); // "movies": independent of ratings
        StringBuilder s = new StringBuilder("movieId,title,genres\n");
        for (int i = 0; i < items; i++) {
            int year = 1920 + rng.nextInt(104);
            String title = i % 7 == 0 ? "\"Movie " + i + ", The (" + year + ")\"" : "Movie " + i + " (" + year + ")";
            s.append(movieId(i)).append(',').append(title).append(',').append(genres(rng)).append('\n');
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    private static String genres(SplittableRandom rng) {
        if (rng.nextInt(50) == 0) {
            return Movie.NO_GENRES;
        }
        int first = rng.nextInt(GENRES.size());
        int second = rng.nextInt(GENRES.size());
        if (first == second) {
            return GENRES.get(first);
        }
        return GENRES.get(Math.min(first, second)) + "|" + GENRES.get(Math.max(first, second));
    }

    private static void writeFully(FileChannel out, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static AsciiBuffer await(Future<AsciiBuffer> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating synthetic ratings", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
