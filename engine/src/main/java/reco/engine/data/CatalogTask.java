package reco.engine.data;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The movies file of a folder, read on its own thread while the ratings are parsed. Reading a movies
 * file is single-threaded and, in a fresh JVM, mostly class loading and warm-up (0.4 s for ml-25m's
 * 62,000 movies on the 2-core development VM); the ratings loader leaves a core idle for about as long
 * in its own single-threaded steps (sniffing, the id index, duplicates), so the two overlap.
 *
 * <p>Errors keep the order they had when the catalogue was read first: a bad movies file is reported
 * even when the ratings file is bad too ({@link #failureOr}).
 */
final class CatalogTask {
    private final FutureTask<Catalog> task;

    private CatalogTask(FutureTask<Catalog> task) {
        this.task = task;
    }

    /** Starts reading the catalogue of {@code layout} in {@code dir} ({@link Catalog#read(Layout, Path)}). */
    static CatalogTask start(Layout layout, Path dir) {
        FutureTask<Catalog> task = new FutureTask<>(() -> Catalog.read(layout, dir));
        Thread.ofPlatform().name("reco-catalog").daemon().start(task);
        return new CatalogTask(task);
    }

    /** The catalogue, once read; throws what reading it threw. */
    Catalog join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrap(e.getCause());
                } catch (CancellationException e) {
                    throw new IllegalStateException("reading the movies file was cancelled", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What to throw when the ratings failed with {@code ratingsFailure}: the catalogue's own failure if
     * reading it failed (it used to be read, and fail, first), else {@code ratingsFailure}.
     */
    RuntimeException failureOr(Throwable ratingsFailure) {
        try {
            join();
        } catch (RuntimeException | Error catalogFailure) {
            return rethrowable(catalogFailure);
        }
        return rethrowable(ratingsFailure);
    }

    private static RuntimeException rethrowable(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
}
