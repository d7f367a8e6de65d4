package reco.engine.train;

import java.util.SplittableRandom;

import reco.engine.data.RatingTable;

/**
 * The blocked schedule of per-rating training (DSGD, Gemulla et al. 2011; LIBMF's FPSGD, Zhuang et al.
 * 2013). Users and items are dealt at random into {@code B} groups each, which cuts the rating matrix
 * into {@code B × B} blocks. Stratum {@code s} is the {@code B} blocks {@code (g, (g + s) mod B)}: they
 * share no user and no item, so a device trains them at once without locks, and the result does not
 * depend on its thread count. An epoch trains every stratum once, in a new random order.
 *
 * <p>Why it is fast: within a block, ratings are grouped by user, so a user's row is loaded once for
 * all of the user's ratings in the block, and a block touches only {@code 1/B} of the item rows, which
 * then stay in cache. The order within a block is fixed, as in FPSGD; the randomness is in the
 * grouping and in the order of the strata.
 *
 * <p>Why users and items are dealt in chunks of consecutive indices (up to {@link #MAX_CHUNK}) rather
 * one by one: a block's rows then lie in runs of whole pages, and its biases fill whole cache lines,
 * instead of one row in eight of every page and one bias in eight of every line of the model (at
 * {@code B = 8}). Measured at 25M ratings × 64 factors, 8 × 8 blocks: an SGD epoch on PoCL took
 * 0.35–0.36 s instead of 0.48–0.49 s, Adam 0.63–0.70 s instead of 1.02–1.04 s; on the Java device
 * (measured while it still trained each block on copies of its movies, since removed: with the chunks
 * they were worth ~5 %) SGD 0.46–0.50 s instead of 0.55 s, Adam unchanged. Chunks of 16, 64 and 256 measured alike. The chunks are dealt at random, so group sizes
 * stay even, and an order in the indices (ids given out over time, say) does not make blocks uneven;
 * every group gets at least {@link #MIN_CHUNKS_PER_GROUP} chunks, so small data is dealt one by one.
 */
final class BlockedSchedule {
    /** Most consecutive indices dealt together: 64 rows of 64 factors are 16 KB, four pages. */
    static final int MAX_CHUNK = 64;
    /** Fewest chunks per group, so that the groups stay even. */
    static final int MIN_CHUNKS_PER_GROUP = 16;

    private final int groups;
    private final int[] userGroup;
    private final int[] itemGroup;
    private final long[] blockStart; // B·B + 1 offsets into the arranged table; block (g, h) is number g·B + h

    private BlockedSchedule(int groups, int[] userGroup, int[] itemGroup, long[] blockStart) {
        this.groups = groups;
        this.userGroup = userGroup;
        this.itemGroup = itemGroup;
        this.blockStart = blockStart;
    }

    /** Deals {@code users} and {@code items} into {@code groups} random groups each and sizes the blocks of {@code fit}. */
    static BlockedSchedule of(RatingTable fit, int groups, int users, int items, SplittableRandom rng) {
        if (groups < 1) {
            throw new IllegalArgumentException("blocks per side must be at least 1, was " + groups);
        }
        BlockedSchedule s = new BlockedSchedule(groups, deal(users, groups, rng), deal(items, groups, rng),
                new long[Math.multiplyExact(groups, groups) + 1]);
        for (long row = 0; row < fit.size(); row++) {
            s.blockStart[s.block(fit, row) + 1]++;
        }
        for (int b = 0; b + 1 < s.blockStart.length; b++) {
            s.blockStart[b + 1] += s.blockStart[b];
        }
        return s;
    }

    /**
     * A copy of {@code fit} (the table this schedule was made for) in block order, users in index order
     * within each block: upload this, not {@code fit}. The caller closes it.
     */
    RatingTable arrange(RatingTable fit) {
        long[] next = blockStart.clone();
        RatingTable out = RatingTable.allocate(fit.size());
        try {
            for (int row : fit.rowsByUser()) { // a stable counting sort of the rows grouped by user
                out.set(next[block(fit, row)]++, fit.user(row), fit.item(row), fit.rating(row), fit.timestamp(row));
            }
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    int groups() {
        return groups;
    }

    /** A random order of the strata for one epoch. */
    int[] epochOrder(SplittableRandom rng) {
        int[] order = Permutations.identity(groups);
        Permutations.shuffle(order, rng);
        return order;
    }

    /** First rows of stratum {@code s}'s blocks, one per user group. */
    long[] starts(int s) {
        long[] out = new long[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = blockStart[blockOf(g, s)];
        }
        return out;
    }

    /** Rating counts of stratum {@code s}'s blocks, one per user group. */
    long[] counts(int s) {
        long[] out = new long[groups];
        for (int g = 0; g < groups; g++) {
            int b = blockOf(g, s);
            out[g] = blockStart[b + 1] - blockStart[b];
        }
        return out;
    }

    private int blockOf(int userGroup, int shift) {
        return userGroup * groups + (userGroup + shift) % groups;
    }

    private int block(RatingTable t, long row) {
        return userGroup[t.user(row)] * groups + itemGroup[t.item(row)];
    }

    /**
     * Groups of (nearly) equal size: chunks of {@link #chunk} consecutive indices in a random order, cut
     * into {@code groups} runs.
     */
    private static int[] deal(int n, int groups, SplittableRandom rng) {
        int chunk = chunk(n, groups);
        int chunks = (n + chunk - 1) / chunk;
        int[] perm = Permutations.identity(chunks);
        Permutations.shuffle(perm, rng);
        int[] groupOfChunk = new int[chunks];
        for (int rank = 0; rank < chunks; rank++) {
            groupOfChunk[perm[rank]] = (int) ((long) rank * groups / chunks);
        }
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = groupOfChunk[i / chunk];
        }
        return group;
    }

    /** Indices dealt together: up to {@link #MAX_CHUNK}, fewer where groups would get too few chunks. */
    static int chunk(int n, int groups) {
        return Math.max(1, Math.min(MAX_CHUNK, n / (groups * MIN_CHUNKS_PER_GROUP)));
    }
}
