package reco.kernels;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Closes every resource of a list even when some fail, then throws the first failure: how device
 * implementations release their native objects on every path.
 */
public final class Releaser {
    private Releaser() {
    }

    /** Closes the non-null ones of {@code resources}, in order. */
    public static void closeAll(AutoCloseable... resources) {
        closeAll(Arrays.stream(resources).filter(Objects::nonNull).toList());
    }

    public static void closeAll(List<? extends AutoCloseable> resources) {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException re ? re
                        : new IllegalStateException("closing " + r + " failed", e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
