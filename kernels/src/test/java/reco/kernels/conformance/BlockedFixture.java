package reco.kernels.conformance;

import java.util.ArrayList;
import java.util.List;

import reco.kernels.opencl.MfFixture;

/**
 * An {@link MfFixture}'s ratings rearranged for a blocked schedule: users and items in {@code groups}
 * groups by index modulo {@code groups}, ratings block after block, and for stratum {@code s} the blocks
 * {@code (g, (g + s) mod groups)}, which share no user and no item.
 *
 * @param fixture the rearranged fixture (same parameters, ratings in block order)
 * @param starts  per stratum, the first rating of each block
 * @param counts  per stratum, the ratings of each block
 */
public record BlockedFixture(MfFixture fixture, long[][] starts, long[][] counts) {

    public static BlockedFixture of(MfFixture f, int groups) {
        int n = f.r().length;
        List<List<Integer>> byBlock = new ArrayList<>();
        for (int b = 0; b < groups * groups; b++) {
            byBlock.add(new ArrayList<>());
        }
        for (int x = 0; x < n; x++) {
            byBlock.get((f.u()[x] % groups) * groups + f.i()[x] % groups).add(x);
        }
        int[] u = new int[n];
        int[] i = new int[n];
        float[] r = new float[n];
        long[] blockStart = new long[groups * groups];
        int at = 0;
        for (int b = 0; b < groups * groups; b++) {
            blockStart[b] = at;
            for (int x : byBlock.get(b)) {
                u[at] = f.u()[x];
                i[at] = f.i()[x];
                r[at] = f.r()[x];
                at++;
            }
        }
        long[][] starts = new long[groups][groups];
        long[][] counts = new long[groups][groups];
        for (int s = 0; s < groups; s++) {
            for (int g = 0; g < groups; g++) {
                int b = g * groups + (g + s) % groups;
                starts[s][g] = blockStart[b];
                counts[s][g] = byBlock.get(b).size();
            }
        }
        MfFixture arranged = new MfFixture(f.users(), f.items(), f.factors(), f.mu(), f.p(), f.q(), f.userBias(),
                f.itemBias(), u, i, r, f.order());
        return new BlockedFixture(arranged, starts, counts);
    }

    /**
     * One stratum of {@code blocks} blocks of {@code per} ratings, block {@code b} on its own 6 users and
     * 5 items, so that every row is hit about {@code per / 5} times in a row (as stratum 0).
     */
    public static BlockedFixture disjoint(long seed, int blocks, int per, int factors) {
        MfFixture f = MfFixture.random(seed, 6 * blocks, 5 * blocks, factors, blocks * per);
        long[] starts = new long[blocks];
        long[] counts = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            starts[b] = (long) b * per;
            counts[b] = per;
            for (int x = b * per; x < (b + 1) * per; x++) {
                f.u()[x] = b * 6 + f.u()[x] % 6;
                f.i()[x] = b * 5 + f.i()[x] % 5;
            }
        }
        return new BlockedFixture(f, new long[][] {starts}, new long[][] {counts});
    }

    /** The most ratings in one block of stratum {@code s}: the Adam steps the stratum takes. */
    long steps(int s) {
        long most = 0;
        for (long c : counts[s]) {
            most = Math.max(most, c);
        }
        return most;
    }
}
