package reco.engine.data;

import it.unimi.dsi.fastutil.ints.Int2LongMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

/**
 * The count of each rating value in one chunk of a ratings file, kept by the parser as it stores each
 * row, so that detecting the file's {@link RatingScale} needs no pass of its own over the rating column.
 * Half stars from 0 to 10 (every published MovieLens value) are counted in an array; other values in a
 * map, until there are more than {@link RatingScale#MAX_DISTINCT} of them and the ratings are taken to
 * be continuous.
 */
final class RatingCounts {
    /** Values 0, 0.5, … 10 are counted in an array: every published MovieLens rating is one of them. */
    private static final int HALF_STARS = 21;

    private final long[] halves = new long[HALF_STARS];
    private Int2LongOpenHashMap others; // keys are float bits, -0 folded into 0; null until needed

    void add(float rating) {
        float r = rating + 0f;
        float twice = r * 2;
        int h = (int) twice;
        if (h == twice && h >= 0 && h < HALF_STARS) {
            halves[h]++;
        } else {
            addOther(r);
        }
    }

    private void addOther(float r) {
        if (others == null) {
            others = new Int2LongOpenHashMap();
        }
        if (others.size() <= RatingScale.MAX_DISTINCT) {
            others.addTo(Float.floatToIntBits(r), 1);
        }
    }

    /** Count per value (keys are float bits), or null when there are more than {@link RatingScale#MAX_DISTINCT}. */
    static Int2LongOpenHashMap merge(Iterable<RatingCounts> parts) {
        Int2LongOpenHashMap all = new Int2LongOpenHashMap();
        for (RatingCounts part : parts) {
            Int2LongOpenHashMap counts = part.asMap();
            if (counts.size() > RatingScale.MAX_DISTINCT) {
                return null;
            }
            for (Int2LongMap.Entry e : counts.int2LongEntrySet()) {
                all.addTo(e.getIntKey(), e.getLongValue());
            }
            if (all.size() > RatingScale.MAX_DISTINCT) {
                return null;
            }
        }
        return all;
    }

    private Int2LongOpenHashMap asMap() {
        Int2LongOpenHashMap counts = others == null ? new Int2LongOpenHashMap() : new Int2LongOpenHashMap(others);
        for (int h = 0; h < HALF_STARS; h++) {
            if (halves[h] > 0) {
                counts.addTo(Float.floatToIntBits(h / 2f), halves[h]);
            }
        }
        return counts;
    }
}
