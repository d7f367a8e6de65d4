package reco.cli;

import java.io.PrintWriter;

/**
 * A progress indication on standard error: on a terminal a bar rewritten in place; elsewhere (a
 * log, a test) a line at every tenth of the work, so that logs stay short.
 */
final class Progress {
    /** Width of the bar drawn on a terminal, in characters. */
    private static final int BAR = 24;
    private final PrintWriter err;
    private final boolean live;
    private final String noun;
    private final long start = System.nanoTime();
    private int lastTenth = -1;

    Progress(PrintWriter err, boolean live, String noun) {
        this.err = err;
        this.live = live;
        this.noun = noun;
    }

    /** Whether the process runs on a terminal, where the bar can be redrawn in place. */
    static boolean terminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    void done(long done, long total) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int tenth = (int) Math.floor(10 * fraction);
        if (live) {
            int filled = (int) Math.round(BAR * fraction);
            err.printf("\r  [%s%s] %s %s / %s (%3.0f %%)%s", "█".repeat(filled), "·".repeat(BAR - filled), noun,
                    Text.count(done), Text.count(total), 100 * fraction, done == total ? System.lineSeparator() : "");
        } else if (tenth > lastTenth) {
            err.printf("  %s %s / %s (%.0f %%), %s%n", noun, Text.count(done), Text.count(total), 100 * fraction,
                    Text.seconds(seconds()));
        }
        lastTenth = Math.max(lastTenth, tenth);
        err.flush();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
