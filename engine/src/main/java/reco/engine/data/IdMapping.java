package reco.engine.data;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    private final IdIndex index;
    private final long min;
    private final int[] rank; // rank[id - min], -1 where absent; null when mapping through the index

    private IdMapping(IdIndex index, long min, int[] rank) {
        this.index = index;
        this.min = min;
        this.rank = rank;
    }

    static IdMapping users(List<RawRatings> sources, int threads) {
        return build(columns(sources, RatingTable::users, c -> c.wideUsers), threads);
    }

    static IdMapping items(List<RawRatings> sources, int threads) {
        return build(columns(sources, RatingTable::items, c -> c.wideItems), threads);
    }

    IdIndex index() {
        return index;
    }

    int map(long id) {
        return rank != null ? rank[(int) (id - min)] : index.indexOf(id);
    }

    /** One chunk's raw ids in one column: the table column, or the chunk's 64-bit side array. */
    private record Column(RawChunk chunk, MemorySegment table, long[] wide) {
        int length() {
            return chunk.rows;
        }

        long id(int i) {
            return chunk.rawId(table, wide, i);
        }
    }

    private static List<Column> columns(List<RawRatings> sources, Function<RatingTable, MemorySegment> column,
                                        Function<RawChunk, long[]> wide) {
        List<Column> out = new ArrayList<>();
        for (RawRatings source : sources) {
            MemorySegment segment = column.apply(source.table());
            for (RawChunk chunk : source.chunks()) {
                out.add(new Column(chunk, segment, wide.apply(chunk)));
            }
        }
        return out;
    }

    private static IdMapping build(List<Column> columns, int threads) {
        long[] mins = new long[columns.size()];
        long[] maxs = new long[columns.size()];
        Parallel.run(columns.size(), threads, c -> {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            Column col = columns.get(c);
            for (int i = 0; i < col.length(); i++) {
                long id = col.id(i);
                lo = Math.min(lo, id);
                hi = Math.max(hi, id);
            }
            mins[c] = lo;
            maxs[c] = hi;
        });
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int c = 0; c < columns.size(); c++) {
            min = Math.min(min, mins[c]);
            max = Math.max(max, maxs[c]);
        }
        boolean dense = min <= max && max - min >= 0 && max - min < DENSE_SPAN;
        return dense ? dense(columns, min, (int) (max - min + 1), threads) : hashed(columns, threads);
    }

    private static IdMapping dense(List<Column> columns, long min, int span, int threads) {
        int[] rank = new int[span];
        // Threads only ever store 1, so racing stores agree; Parallel.run's joins publish them.
        Parallel.run(columns.size(), threads, c -> {
            Column col = columns.get(c);
            for (int i = 0; i < col.length(); i++) {
                rank[(int) (col.id(i) - min)] = 1;
            }
        });
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
