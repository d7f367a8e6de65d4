package reco.engine.data;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Builds the {@link IdIndex} of one id column (users or movies) over one or more parsed files and maps
 * each raw id to its dense index.
 *
 * <p>MovieLens ids are small non-negative integers (under 300,000 in ml-32m), so when the ids span at
 * most {@link #DENSE_SPAN} values the mapping is a plain array indexed by {@code id - min}: marking and
 * ranking it is a few linear passes, and a lookup is one load instead of a hash probe, for 25 million
 * rows a large part of the load time. Wider id ranges fall back to a hash set and {@link IdIndex#indexOf}.
 * Both give the same indices: the rank of the id among the distinct ids.
 */
final class IdMapping {
    /** Widest id range mapped through an array (64 MiB of int). */
    static final long DENSE_SPAN = 1L << 24;
    /** Rows per window of a pass over an id column ({@link RawChunk#copyIds}). */
    static final int WINDOW = 1 << 14;

    private final IdIndex index;
    private final long min;
    private final int[] rank; // rank[id - min], -1 where absent; null when mapping through the index

    private IdMapping(IdIndex index, long min, int[] rank) {
        this.index = index;
        this.min = min;
        this.rank = rank;
    }

    static IdMapping users(List<RawRatings> sources, int threads) {
        return build(columns(sources, RatingTable::users, c -> c.wideUsers, c -> c.minUser, c -> c.maxUser), threads);
    }

    static IdMapping items(List<RawRatings> sources, int threads) {
        return build(columns(sources, RatingTable::items, c -> c.wideItems, c -> c.minItem, c -> c.maxItem), threads);
    }

    IdIndex index() {
        return index;
    }

    int map(long id) {
        return rank != null ? rank[(int) (id - min)] : index.indexOf(id);
    }

    /** Replaces the chunk's raw ids in {@code column} ({@code wide} when 64-bit) by their indices, in place. */
    void mapInPlace(RawChunk chunk, MemorySegment column, long[] wide, int[] window) {
        for (int from = 0; from < chunk.rows; from += window.length) {
            int n;
            if (wide != null) {
                n = Math.min(window.length, chunk.rows - from);
                for (int i = 0; i < n; i++) {
                    window[i] = map(wide[from + i]);
                }
            } else {
                n = chunk.copyIds(column, from, window);
                mapInts(window, n);
            }
            chunk.storeIds(window, n, column, from);
        }
    }

    private void mapInts(int[] ids, int n) {
        if (rank == null) {
            for (int i = 0; i < n; i++) {
                ids[i] = index.indexOf(ids[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            ids[i] = rank[(int) (ids[i] - min)];
        }
    }

    /**
     * One chunk's raw ids in one column: the table column, or the chunk's 64-bit side array, and their
     * range as the parser saw them (empty, min > max, for a chunk without rows).
     */
    private record Column(RawChunk chunk, MemorySegment table, long[] wide, long min, long max) {
        int length() {
            return chunk.rows;
        }

        long id(int i) {
            return chunk.rawId(table, wide, i);
        }

        /** Sets {@code seen[id - min]} to 1 for each of the column's ids. */
        void mark(int[] seen, long min, int[] window) {
            if (wide != null) {
                for (int i = 0; i < length(); i++) {
                    seen[(int) (wide[i] - min)] = 1;
                }
                return;
            }
            for (int from = 0; from < length(); from += window.length) {
                int n = chunk.copyIds(table, from, window);
                for (int i = 0; i < n; i++) {
                    seen[(int) (window[i] - min)] = 1;
                }
            }
        }
    }

    private static List<Column> columns(List<RawRatings> sources, Function<RatingTable, MemorySegment> column,
                                        Function<RawChunk, long[]> wide, ToLongFunction<RawChunk> min,
                                        ToLongFunction<RawChunk> max) {
        List<Column> out = new ArrayList<>();
        for (RawRatings source : sources) {
            MemorySegment segment = column.apply(source.table());
            for (RawChunk chunk : source.chunks()) {
                out.add(new Column(chunk, segment, wide.apply(chunk), min.applyAsLong(chunk), max.applyAsLong(chunk)));
            }
        }
        return out;
    }

    private static IdMapping build(List<Column> columns, int threads) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Column col : columns) {
            min = Math.min(min, col.min());
            max = Math.max(max, col.max());
        }
        boolean dense = min <= max && max - min >= 0 && max - min < DENSE_SPAN;
        return dense ? dense(columns, min, (int) (max - min + 1), threads) : hashed(columns, threads);
    }

    private static IdMapping dense(List<Column> columns, long min, int span, int threads) {
        int[] rank = new int[span];
        // Threads only ever store 1, so racing stores agree; Parallel.run's joins publish them.
        Parallel.run(columns.size(), threads, () -> new int[WINDOW], (window, c) -> columns.get(c).mark(rank, min, window));
        int distinct = 0;
        for (int v : rank) {
            distinct += v;
        }
        long[] ids = new long[distinct];
        int next = 0;
        for (int i = 0; i < span; i++) {
            if (rank[i] != 0) {
                ids[next] = min + i;
                rank[i] = next++;
            } else {
                rank[i] = -1;
            }
        }
        return new IdMapping(IdIndex.of(ids), min, rank);
    }

    private static IdMapping hashed(List<Column> columns, int threads) {
        LongOpenHashSet[] sets = new LongOpenHashSet[columns.size()];
        Parallel.run(columns.size(), threads, c -> {
            Column col = columns.get(c);
            LongOpenHashSet set = new LongOpenHashSet();
            for (int i = 0; i < col.length(); i++) {
                set.add(col.id(i));
            }
            sets[c] = set;
        });
        LongOpenHashSet all = new LongOpenHashSet();
        for (LongOpenHashSet set : sets) {
            all.addAll(set);
        }
        return new IdMapping(IdIndex.of(all.toLongArray()), 0, null);
    }
}
