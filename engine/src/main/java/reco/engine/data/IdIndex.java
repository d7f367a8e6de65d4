package reco.engine.data;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;

/**
 * External id ⇄ dense index. Dense indices are the ranks of the ids in ascending order, so the same
 * set of ids always gives the same indices, whatever order or thread the ids were read in.
 */
public final class IdIndex {
    private final long[] ids;                 // dense index → external id, ascending
    private final Long2IntOpenHashMap index;  // external id → dense index

    private IdIndex(long[] sortedDistinctIds) {
        this.ids = sortedDistinctIds;
        this.index = new Long2IntOpenHashMap(sortedDistinctIds.length);
        index.defaultReturnValue(-1);
        for (int i = 0; i < sortedDistinctIds.length; i++) {
            index.put(sortedDistinctIds[i], i);
        }
    }

    /** An index over the distinct values of {@code ids} (any order, repeats allowed; the array is not kept). */
    public static IdIndex of(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.parallelSort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return new IdIndex(Arrays.copyOf(sorted, n));
    }

    public int size() {
        return ids.length;
    }

    /** The dense index of {@code id}, or -1 when it is not in the index. */
    public int indexOf(long id) {
        return index.get(id);
    }

    public boolean contains(long id) {
        return index.containsKey(id);
    }

    /** The external id at dense index {@code index}. */
    public long idOf(int index) {
        return ids[index];
    }

    /** A copy of all ids in dense-index order. */
    public long[] ids() {
        return ids.clone();
    }
}
