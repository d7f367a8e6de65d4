package reco.engine.data;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs {@code tasks} independent tasks on up to {@code threads} platform threads, each thread taking
 * the next task index until none is left. A plain loop of threads rather than an executor: the loaders
 * run a handful of coarse tasks (file chunks), and this keeps the first failure's own exception type
 * (a {@link DataException} reaches the caller unwrapped).
 */
final class Parallel {
    private Parallel() {
    }

    static void run(int tasks, int threads, IntConsumer task) {
        run(tasks, threads, () -> null, (unused, i) -> task.accept(i));
    }

    /**
     * As {@link #run(int, int, IntConsumer)}, each thread making its own {@code state} once (a reused
     * window, a parser) and handing it to every task it runs.
     */
    static <S> void run(int tasks, int threads, Supplier<S> state, ObjIntConsumer<S> task) {
        int workers = Math.max(1, Math.min(threads, tasks));
        if (workers == 1) {
            S own = state.get();
            for (int i = 0; i < tasks; i++) {
                task.accept(own, i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] pool = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            pool[w] = Thread.ofPlatform().name("reco-data-" + w).start(() -> {
                try {
                    S own = state.get();
                    for (int i = next.getAndIncrement(); i < tasks && failure.get() == null; i = next.getAndIncrement()) {
                        task.accept(own, i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        joinAll(pool);
        rethrow(failure.get());
    }

    private static void joinAll(Thread[] pool) {
        boolean interrupted = false;
        for (Thread t : pool) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
