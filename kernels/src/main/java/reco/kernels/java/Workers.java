package reco.kernels.java;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import reco.kernels.DeviceException;

/**
 * A fixed team of threads for the Java device. Work is always split into a number of parts that
 * does not depend on scheduling, so results are deterministic for a given part count.
 */
final class Workers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool; // threads - 1 helpers; the caller is the last worker

    Workers(int threads) {
        this.threads = threads;
        this.pool = threads > 1
                ? Executors.newFixedThreadPool(threads - 1, r -> {
                    Thread t = new Thread(r, "reco-java-device");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    int threads() {
        return threads;
    }

    /** Runs {@code part.accept(p)} for p in [0, parts), spread over the team; waits for all. */
    void run(int parts, IntConsumer part) {
        if (parts <= 1 || pool == null) {
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
            return;
        }
        int helpers = Math.min(threads, parts) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            int worker = h + 1;
            int team = helpers + 1;
            futures.add(pool.submit(() -> {
                for (int p = worker; p < parts; p += team) {
                    part.accept(p);
                }
            }));
        }
        for (int p = 0; p < parts; p += helpers + 1) {
            part.accept(p);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("interrupted while waiting for Java device workers", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new DeviceException("Java device worker failed: " + cause, cause);
            }
        }
    }

    /**
     * Runs {@code part.accept(p)} for p in [0, parts), each part on the next free thread; waits for
     * all. For parts of uneven size whose results do not depend on which thread runs them.
     */
    void runEach(int parts, IntConsumer part) {
        AtomicInteger next = new AtomicInteger();
        run(Math.min(threads, parts), worker -> {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                part.accept(p);
            }
        });
    }

    /** Stops the helpers and waits for them, so that a closed device leaves no thread behind. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new DeviceException("Java device workers did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
