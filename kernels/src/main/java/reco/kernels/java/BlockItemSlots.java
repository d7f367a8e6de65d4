package reco.kernels.java;

import java.util.Arrays;

/**
 * The movies of one block, numbered 0, 1, … in order of first appearance ("slots"), and copies of
 * their rows and biases side by side in slot order: the Java device trains a block on the copies and
 * writes them back after it.
 *
 * <p>Why: a block's ratings are grouped by user, so the user's row and bias are at hand, but every
 * rating's movie row and bias are a random access into the whole item matrix (15 MB at 59,000 movies
 * × 64 factors, with a bias array of 236 KB beside it), and the prediction waits for both. PoCL's
 * kernel prefetches them; Java cannot prefetch. The block's own movies, side by side, take 1/8 of the
 * space at 8 × 8 blocks, on few enough pages for the TLB and mostly in the nearest caches; each is
 * used about 50 times per block, copied twice. Measured on 25M ratings × 64 factors, 8 × 8 blocks,
 * old and new alternated: the SGD epoch took 0.56–0.60 s instead of 0.94–1.02 s, Adam 2.3–2.6 s
 * instead of 4.2–5.0 s (copying the biases alone: SGD 0.78–0.85 s). Finding the slots is a pass of
 * independent lookups, which the CPU overlaps, unlike the dependent ones of the training loop. Values
 * are only moved, never recomputed, so the results are bit for bit those of training on the model in
 * place.
 *
 * <p>One instance per worker thread, reused block after block; not thread-safe.
 */
final class BlockItemSlots {
    /** Copies kept at once: a model's weights and Adam's two moments. */
    static final int COPIES = 3;

    private final int[] slotOfItem; // -1 where the movie is not in the block
    private int[] itemOfSlot = new int[0];
    private int[] slotOfRating = new int[0];
    private final int[][] rows = new int[COPIES][];
    private final int[][] biases = new int[COPIES][];
    private int slots;
    private int from;

    /** Scratch for blocks over a model of {@code items} movies. */
    BlockItemSlots(int items) {
        slotOfItem = new int[items];
        Arrays.fill(slotOfItem, -1);
    }

    /** Whether this scratch serves a model of {@code items} movies. */
    boolean fits(int items) {
        return slotOfItem.length == items;
    }

    /** Numbers the movies of ratings {@code [from, to)}; movies outside the model get slot -1. */
    void number(int[] items, int from, int to) {
        clear();
        this.from = from;
        if (slotOfRating.length < to - from) {
            slotOfRating = new int[to - from];
        }
        for (int j = from; j < to; j++) {
            int i = items[j];
            if (i < 0 || i >= slotOfItem.length) {
                slotOfRating[j - from] = -1;
                continue;
            }
            int s = slotOfItem[i];
            if (s < 0) {
                if (slots == itemOfSlot.length) {
                    itemOfSlot = Arrays.copyOf(itemOfSlot, Math.max(16, 2 * slots));
                }
                s = slots++;
                slotOfItem[i] = s;
                itemOfSlot[s] = i;
            }
            slotOfRating[j - from] = s;
        }
    }

    /** The slot of rating {@code j} of the numbered block. */
    int slot(int j) {
        return slotOfRating[j - from];
    }

    /** Movies in the numbered block. */
    int slots() {
        return slots;
    }

    /**
     * A view of {@code source} whose item side (rows, biases) is copy number {@code copy} (0 to
     * {@link #COPIES} - 1) of the numbered block's movies, indexed by slot; its user side is
     * {@code source}'s own.
     */
    MfView gather(MfView source, int copy) {
        int k = source.k();
        int[] q = source.q();
        int[] r = rows[copy] = grown(rows[copy], slots * k);
        for (int s = 0; s < slots; s++) {
            System.arraycopy(q, itemOfSlot[s] * k, r, s * k, k);
        }
        int[] b = null;
        if (source.biased()) {
            int[] itemBias = source.itemBias();
            b = biases[copy] = grown(biases[copy], slots);
            for (int s = 0; s < slots; s++) {
                b[s] = itemBias[itemOfSlot[s]];
            }
        }
        return new MfView(source.p(), r, source.userBias(), b, k, source.mu(), source.users(), slots);
    }

    /** Writes the item side of {@code block} (from {@link #gather}) back into {@code target}. */
    void scatter(MfView block, MfView target) {
        int k = target.k();
        int[] r = block.q();
        int[] q = target.q();
        for (int s = 0; s < slots; s++) {
            System.arraycopy(r, s * k, q, itemOfSlot[s] * k, k);
        }
        if (target.biased()) {
            int[] b = block.itemBias();
            int[] itemBias = target.itemBias();
            for (int s = 0; s < slots; s++) {
                itemBias[itemOfSlot[s]] = b[s];
            }
        }
    }

    private void clear() {
        for (int s = 0; s < slots; s++) {
            slotOfItem[itemOfSlot[s]] = -1;
        }
        slots = 0;
    }

    private static int[] grown(int[] words, int size) {
        if (words != null && words.length >= size) {
            return words;
        }
        return new int[Math.max(size, words == null ? 0 : 2 * words.length)];
    }
}
