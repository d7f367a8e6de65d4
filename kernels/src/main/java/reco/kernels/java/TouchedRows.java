package reco.kernels.java;

import java.util.Arrays;

/**
 * One side's (users' or items') rows touched by a mini-batch. Each gets a slot in its owner's scratch
 * when first touched; its gradient sums there and its slot is freed by the update.
 */
final class TouchedRows {
    final int[] slot;          // rows: the row's slot in its owner's scratch, −1 when untouched
    final int[][] row;         // per owner: slot → row
    final int[] count;         // per owner: slots in use
    final float[][] grad;      // per owner: slots × k
    final float[][] biasGrad;  // per owner: slots

    /**
     * Scratch for {@code rows} rows of {@code k} factors, batches of up to {@code batch} ratings and a
     * team of {@code team} owners; owner 0 alone runs batches below {@code oneThreadBelow} ratings,
     * touching any row, and a team splits the rows by index modulo its size.
     */
    TouchedRows(int rows, int k, int batch, int team, int oneThreadBelow) {
        slot = new int[rows];
        Arrays.fill(slot, -1);
        row = new int[team][];
        count = new int[team];
        grad = new float[team][];
        biasGrad = new float[team][];
        for (int owner = 0; owner < team; owner++) {
            int owned = owner == 0 ? Math.max(Math.min(rows, oneThreadBelow), ceilDiv(rows, team)) : ceilDiv(rows, team);
            int slots = Math.min(batch, owned);
            row[owner] = new int[slots];
            grad[owner] = new float[Math.multiplyExact(slots, k)];
            biasGrad[owner] = new float[slots];
        }
    }

    /**
     * The slot of {@code r} in {@code owner}'s scratch, taken if the batch had not touched it yet. Kept
     * under 35 bytes of bytecode, so that C2 inlines it at every call whatever its profile says.
     */
    int touch(int r, int owner) {
        int s = slot[r];
        return s >= 0 ? s : take(r, owner);
    }

    private int take(int r, int owner) {
        int s = count[owner]++;
        slot[r] = s;
        row[owner][s] = r;
        return s;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
