package reco.engine.recommend;

import java.util.Arrays;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;

/**
 * The items each user rated, to leave out of their recommendations: one int per rating in a compressed
 * row layout (offsets per user, items ascending within a user), so that it costs what the ratings cost
 * and never users × items.
 */
public final class SeenItems {
    private final int[] offsets; // users + 1: user u's items are items[offsets[u] .. offsets[u + 1])
    private final int[] items;   // item indices, ascending and distinct within a user

    private SeenItems(int[] offsets, int[] items) {
        this.offsets = offsets;
        this.items = items;
    }

    /** The items of {@code table}, whose dense indices are the model's, for {@code users} users. */
    public static SeenItems of(RatingTable table, int users) {
        return build(table, users, r -> table.user(r), r -> table.item(r));
    }

    /**
     * The items of {@code table} translated into a model's indices: the table's indices are those of
     * {@code tableUsers} and {@code tableItems}; ratings of users or items the model lacks are dropped.
     */
    public static SeenItems of(RatingTable table, IdIndex tableUsers, IdIndex tableItems, IdIndex modelUsers,
                               IdIndex modelItems) {
        int[] userMap = translate(tableUsers, modelUsers);
        int[] itemMap = translate(tableItems, modelItems);
        return build(table, modelUsers.size(), r -> userMap[table.user(r)], r -> itemMap[table.item(r)]);
    }

    public int users() {
        return offsets.length - 1;
    }

    /** The ascending item indices user {@code u} rated (a new array). */
    public int[] of(int u) {
        return Arrays.copyOfRange(items, offsets[u], offsets[u + 1]);
    }

    /** How many distinct items user {@code u} rated. */
    public int count(int u) {
        return offsets[u + 1] - offsets[u];
    }

    private interface Column {
        int at(long row);
    }

    private static SeenItems build(RatingTable table, int users, Column user, Column item) {
        int[] offsets = new int[users + 1];
        for (long r = 0; r < table.size(); r++) {
            int u = user.at(r);
            if (u >= 0 && item.at(r) >= 0) {
                offsets[u + 1]++;
            }
        }
        for (int u = 0; u < users; u++) {
            offsets[u + 1] = Math.addExact(offsets[u + 1], offsets[u]);
        }
        int[] items = new int[offsets[users]];
        int[] fill = Arrays.copyOf(offsets, users);
        for (long r = 0; r < table.size(); r++) {
            int u = user.at(r);
            int i = item.at(r);
            if (u >= 0 && i >= 0) {
                items[fill[u]++] = i;
            }
        }
        return compact(offsets, items);
    }

    /** Sorts each user's items and drops repeats in place, shifting later users down. */
    private static SeenItems compact(int[] offsets, int[] items) {
        int users = offsets.length - 1;
        int write = 0;
        int start = offsets[0];
        for (int u = 0; u < users; u++) {
            int end = offsets[u + 1];
            Arrays.sort(items, start, end);
            int first = write;
            for (int j = start; j < end; j++) {
                if (j == start || items[j] != items[j - 1]) {
                    items[write++] = items[j];
                }
            }
            offsets[u] = first;
            start = end;
        }
        offsets[users] = write;
        return new SeenItems(offsets, write == items.length ? items : Arrays.copyOf(items, write));
    }

    private static int[] translate(IdIndex from, IdIndex to) {
        int[] map = new int[from.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = to.indexOf(from.idOf(i));
        }
        return map;
    }
}
